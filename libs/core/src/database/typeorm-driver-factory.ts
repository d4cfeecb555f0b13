import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DataSource } from 'typeorm';
import { putInModuleCache } from '../runtime/require-on-first-use';

/**
 * TypeORM's DriverFactory requires all seventeen of its drivers when it loads (SAP, Spanner, SQL
 * Server, Oracle, MySQL, ... with their query runners), and V8 keeps each loaded file's source and
 * functions: 1.8 MiB of an idle heap on PostgreSQL (bench/README.md, 2026-11-30). Skygate creates
 * only the postgres driver (PostgreSQL, and PGlite through it), so before TypeORM first loads, a
 * factory that requires that one driver when a data source asks for it takes DriverFactory's place
 * in Node's module cache (adding entries is part of `require.cache`'s documented use). Nothing else
 * of TypeORM changes; a file that requires a driver itself still gets it.
 *
 * Returns false, and changes nothing, when TypeORM was loaded already or its files are not where
 * TypeORM 1.x keeps them (an upgrade that moved them fails typeorm-driver-factory.spec.ts).
 */
export function loadTypeormDriversOnDemand(): boolean {
  const typeormDir = dirname(require.resolve('typeorm'));
  const factoryFile = join(typeormDir, 'driver', 'DriverFactory.js');
  const postgresDriverFile = join(typeormDir, 'driver', 'postgres', 'PostgresDriver.js');
  if (require.cache[factoryFile] || !existsSync(factoryFile) || !existsSync(postgresDriverFile)) return false;
  const requireFromTypeorm = createRequire(factoryFile);

  class DriverFactory {
    create(dataSource: DataSource): unknown {
      const { type } = dataSource.options;
      if (type !== 'postgres') throw new Error(`Skygate runs on PostgreSQL or PGlite: no TypeORM driver "${type}" (libs/core/src/database/typeorm-driver-factory.ts)`);
      const { PostgresDriver } = requireFromTypeorm(postgresDriverFile) as { PostgresDriver: new (ds: DataSource) => unknown };
      return new PostgresDriver(dataSource);
    }
  }

  putInModuleCache(factoryFile, { DriverFactory });
  return true;
}
