import { DataSource } from 'typeorm';
import { buildDataSourceOptions, type AppConfig } from '@app/core';
import { MIGRATIONS } from '../../../skygate/src/migrations';

/** Applies pending migrations to the configured database (PGlite or PostgreSQL) and reports them. */
export async function migrate(config: AppConfig, out: NodeJS.WritableStream = process.stdout): Promise<string[]> {
  const dataSource = new DataSource(buildDataSourceOptions({ database: config.database, migrations: MIGRATIONS }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const names = applied.map((m) => m.name);
    out.write(names.length ? `applied ${names.length} migration(s):\n${names.map((n) => `  ${n}\n`).join('')}` : 'schema is up to date; nothing to apply\n');
    return names;
  } finally {
    await dataSource.destroy();
  }
}
