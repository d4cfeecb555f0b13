import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { LoggerService } from '@nestjs/common';
import { buildDataSourceOptions, installedPgliteVersion, openDataSource, type DatabaseConfig, type PglitePool } from '@app/core';
import { MIGRATIONS } from '../../apps/skygate/src/migrations';

/**
 * Test databases start migrated. initdb and the migrations cost 4-5 s of every in-memory test
 * app (a third of the embedded suite) and a second of every PostgreSQL one; they now run once for
 * each version of the migrations: PGlite apps load a dump of a migrated database, PostgreSQL ones
 * are copies of a migrated template database. Migrating from scratch stays tested: the copies
 * are made by the same migration run, and the restart tests migrate empty folders.
 */
function migrationsFingerprint(...extra: string[]): string {
  const hash = createHash('sha256');
  // A migration's class source holds its name and SQL: editing one makes a new copy.
  for (const migration of MIGRATIONS as Function[]) hash.update(String(migration));
  for (const value of extra) hash.update(value);
  return hash.digest('hex').slice(0, 16);
}

const quiet: LoggerService = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** Opens `database` and runs every migration as the server does, hands the data source to `use`, closes it. */
async function migrate<T>(database: DatabaseConfig, use: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await openDataSource(new DataSource(buildDataSourceOptions({ database, migrations: MIGRATIONS })), quiet);
  try {
    return await use(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

const snapshotFolder = join(tmpdir(), 'skygate-test-pglite');

async function buildSnapshot(file: string): Promise<Blob> {
  const blob = await migrate({ kind: 'pglite', dataDir: 'memory://' }, (ds) => (ds.driver as unknown as { master: PglitePool }).master.dumpDataDir());
  await mkdir(snapshotFolder, { recursive: true });
  // Jest workers may build it at once: each writes its own file and the rename is atomic.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await blob.arrayBuffer()));
  await rename(partial, file).catch((err: unknown) => rm(partial, { force: true }).then(() => Promise.reject(err)));
  return blob;
}

async function loadSnapshot(): Promise<Blob> {
  const file = join(snapshotFolder, `migrated-${migrationsFingerprint(installedPgliteVersion())}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return buildSnapshot(file);
  }
}

let snapshot: Promise<Blob> | undefined;

/** The migrated embedded database every in-memory test app starts from (read once per test file). */
export function migratedSnapshot(): Promise<Blob> {
  snapshot ??= loadSnapshot();
  return snapshot;
}

export async function withAdmin<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** .ci/run drops the databases named so at the end. */
const TEMPLATE_PREFIX = 'skygate_tpl_';

async function ensureTemplate(serverUrl: string): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${migrationsFingerprint()}`;
  return withAdmin(serverUrl, async (admin) => {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return name;
      // Built under another name and renamed when complete: a run that dies half-way leaves no half-migrated template.
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const url = new URL(serverUrl);
      url.pathname = `/${building}`;
      await migrate({ kind: 'postgres', url: url.toString() }, async () => undefined);
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      return name;
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
}

const templates = new Map<string, Promise<string>>();

/**
 * The migrated template database on the test server (built once, under a lock, for this version
 * of the migrations; looked up once per test file): `CREATE DATABASE x TEMPLATE <it>` copies it in
 * a few milliseconds.
 */
export function migratedTemplate(serverUrl: string): Promise<string> {
  let template = templates.get(serverUrl);
  if (!template) templates.set(serverUrl, (template = ensureTemplate(serverUrl)));
  return template;
}
