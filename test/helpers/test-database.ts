import { randomBytes } from 'node:crypto';
import type { DatabaseConfig } from '@app/core';
import { migratedTemplate, withAdmin } from './migrated-database';

/**
 * `npm run test:integration` sets SKYGATE_TEST_DATABASE_URL; each test app then gets a database
 * of its own on that server (a copy of the migrated template, dropped on close), so test files can run in parallel.
 * Without it, tests use an in-memory PGlite (or one in a folder, for restart tests).
 */
export const integrationDatabaseUrl = process.env.SKYGATE_TEST_DATABASE_URL;

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

export async function createTestDatabase(pgliteDir = 'memory://'): Promise<TestDatabase> {
  if (!integrationDatabaseUrl) return { config: { kind: 'pglite', dataDir: pgliteDir }, drop: async () => undefined };
  const name = `skygate_t_${randomBytes(6).toString('hex')}`;
  const template = await migratedTemplate(integrationDatabaseUrl);
  await withAdmin(integrationDatabaseUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = new URL(integrationDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () => withAdmin(integrationDatabaseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
