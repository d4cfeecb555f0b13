import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, type Clock, type DatabaseConfig } from '@app/core';
import type { AppOptions } from '../../apps/skygate/src/app.module';
import { createApp } from '../../apps/skygate/src/bootstrap';
import { migratedSnapshot } from './migrated-database';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** Every JSON log line the app wrote, for assertions about logging. */
  logs: string[];
  /** Stops the app; the data folder and database stay, so a second startTestApp() can reuse them. */
  stop(): Promise<void>;
  /** Stops the app and removes its data folder and database. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Reuse the data folder (and database) of an earlier app, for restart tests. */
  reuse?: { dataDir: string; database: DatabaseConfig; drop: TestDatabase['drop'] };
  /** Keep PGlite on disk in the data folder instead of in memory. */
  persistent?: boolean;
  clock?: Clock;
  /** Modules mounted beside Skygate's own, e.g. probe controllers for guard tests. */
  extraImports?: AppOptions['extraImports'];
  configure?: Partial<ConstructorParameters<typeof AppConfig>[0]>;
}

/** The real application (every module, the real database) on a throwaway data folder, initialised, not listening. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp & { reuse: NonNullable<TestAppOptions['reuse']> }> {
  const dataDir = options.reuse?.dataDir ?? (await mkdtemp(join(tmpdir(), 'skygate-test-')));
  const db = options.reuse ?? (await createTestDatabase(options.persistent ? join(dataDir, 'pglite') : 'memory://'));
  const chosen = options.configure?.database ?? ('config' in db ? db.config : db.database);
  const inMemory = chosen.kind === 'pglite' && chosen.dataDir === 'memory://' && !chosen.snapshot;
  const database = inMemory ? { ...chosen, snapshot: await migratedSnapshot() } : chosen;
  const config = new AppConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'info',
    uploadMaxBytes: 64 * 1024 * 1024,
    ...options.configure,
    database,
  });
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  let app: NestExpressApplication;
  try {
    app = await createApp({ config, logDestination, clock: options.clock, extraImports: options.extraImports });
    await app.init();
  } catch (err) {
    if (!options.reuse) {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
    throw err;
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    config,
    logs,
    stop,
    reuse: { dataDir, database, drop: db.drop },
    close: async () => {
      await stop();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
