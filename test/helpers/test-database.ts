import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseConfig } from '@app/core';

/**
 * `npm run test:integration` sets SKYGATE_TEST_DATABASE_URL; each test app then gets a database
 * of its own on that server (created here, dropped on close), so test files can run in parallel.
 * Without it, tests use an in-memory PGlite (or one in a folder, for restart tests).
 */
export const integrationDatabaseUrl = process.env.SKYGATE_TEST_DATABASE_URL;

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

async function admin<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(pgliteDir = 'memory://'): Promise<TestDatabase> {
  if (!integrationDatabaseUrl) return { config: { kind: 'pglite', dataDir: pgliteDir }, drop: async () => undefined };
  const name = `skygate_t_${randomBytes(6).toString('hex')}`;
  await admin(integrationDatabaseUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(integrationDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () => admin(integrationDatabaseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
