import type { DataSourceOptions, MixedList } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { pgliteDriver } from './pglite-pool';

// TypeORM accepts migration classes, instances or glob strings; Skygate passes classes only.
export type MigrationList = MixedList<Function>;

export interface DataSourceInput {
  database: DatabaseConfig;
  migrations: MigrationList;
  entities?: MixedList<Function>;
  /** Embedded database: query runners that may wait for its session (DATABASE_MAX_WAITING); unbounded when unset. */
  maxWaiting?: number;
}

/**
 * One place that turns config into TypeORM options, shared by the server, the CLI and tests,
 * so PGlite and PostgreSQL run the very same migrations.
 */
export function buildDataSourceOptions({ database, migrations, entities = [], maxWaiting }: DataSourceInput): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations,
    migrationsTableName: 'skygate_migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL >= 13 and PGlite; uuid-ossp exists on neither by default.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logging: false,
  };
  if (database.kind === 'postgres') {
    return { ...common, url: database.url, extra: { max: 10, connectionTimeoutMillis: 5000 } };
  }
  const dataDir = database.dataDir === 'memory://' ? undefined : database.dataDir;
  const loadDataDir = dataDir ? undefined : database.snapshot;
  return { ...common, driver: pgliteDriver({ dataDir, maxWaiting, loadDataDir }) };
}
