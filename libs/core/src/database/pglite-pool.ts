import { EventEmitter } from 'node:events';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite, PGliteOptions, Results } from '@electric-sql/pglite';
import { Mutex } from 'async-mutex';
import { useBaselineWasmCompiler } from '../runtime/v8-footprint';
import { pgliteStartParams, seedDataDir } from './pglite-footprint';

type Done = (err?: unknown) => void;
type ConnectCallback = (err: unknown, client: PglitePool | null, done: Done) => void;
type QueryCallback = (err: unknown, result: Results<unknown> | null) => void;

/** TypeORM passes booleans as JS values or strings; PGlite's default serializer needs the SQL literals. */
function serializeBool(value: unknown): string {
  if (value === true || value === 'true' || value === 1) return 'TRUE';
  if (value === false || value === 'false' || value === 0) return 'FALSE';
  return String(value);
}

/** Too many query runners already wait for the embedded session: the caller should retry later (503 + Retry-After). */
export class DatabaseBusyError extends Error {
  readonly retryAfterSeconds = 1;

  constructor(readonly waiting: number) {
    super(`the embedded database has ${waiting} queries waiting (DATABASE_MAX_WAITING); refusing more`);
    this.name = 'DatabaseBusyError';
  }
}

export interface PglitePoolOptions extends PGliteOptions {
  /** Query runners that may wait for the session; more are refused with DatabaseBusyError. Unbounded when unset. */
  maxWaiting?: number;
}

/**
 * A `pg.Pool` look-alike over one embedded PGlite database, for TypeORM's postgres driver.
 *
 * PGlite is a single backend session: if two TypeORM query runners interleave, one's ROLLBACK
 * or COMMIT applies to the other's statements (a rolled-back insert was seen committed). So
 * `connect()` hands out the session to one query runner at a time and the next waits until
 * `done()`; a transaction keeps its query runner, and so the session, from BEGIN to COMMIT.
 *
 * Consequence for code: inside a transaction, use the transaction's EntityManager only; a
 * query through another runner would wait for the transaction to finish (a deadlock).
 *
 * Unlike typeorm-pglite, each DataSource owns its PGlite instance (no process-wide singleton,
 * so two apps can run in one process) and a failed query rejects once, without also
 * calling back (which left an unhandled rejection that crashed Node).
 *
 * The wait queue is bounded (`maxWaiting`): under a flood, a request past the bound fails at once
 * with DatabaseBusyError (503 + Retry-After) instead of queueing for ever behind the others.
 */
export class PglitePool extends EventEmitter {
  private readonly session = new Mutex();
  private instance?: Promise<PGlite>;
  private waitingCount = 0;

  constructor(private readonly options: PglitePoolOptions) {
    super();
  }

  /** Query runners waiting for the session right now (for metrics). */
  get waiting(): number {
    return this.waitingCount;
  }

  protected db(): Promise<PGlite> {
    if (!this.instance && this.options.dataDir) {
      mkdirSync(this.options.dataDir, { recursive: true });
      claimDataDir(this.options.dataDir);
      seedDataDir(this.options.dataDir);
    }
    this.instance ??= this.open();
    return this.instance;
  }

  /** PGlite loads here, not at import: a server on PostgreSQL never loads it (bench/startup.js). */
  private async open(): Promise<PGlite> {
    useBaselineWasmCompiler();
    const { PGlite, types } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
    const { maxWaiting: _maxWaiting, ...pgliteOptions } = this.options;
    return PGlite.create({
      startParams: pgliteStartParams(PGlite.defaultStartParams),
      ...pgliteOptions,
      serializers: { [types.BOOL]: serializeBool, ...this.options.serializers },
    });
  }

  connect(callback: ConnectCallback): void {
    const limit = this.options.maxWaiting;
    if (limit !== undefined && this.session.isLocked() && this.waitingCount >= limit) {
      queueMicrotask(() => callback(new DatabaseBusyError(this.waitingCount), null, () => undefined));
      return;
    }
    this.waitingCount++;
    let counted = true;
    const stopWaiting = () => {
      if (counted) this.waitingCount--;
      counted = false;
    };
    this.db()
      .then(() => this.session.acquire())
      .then(
        (unlock) => {
          stopWaiting();
          let released = false;
          callback(null, this, () => {
            if (released) return;
            released = true;
            unlock();
          });
        },
        (err: unknown) => {
          stopWaiting();
          callback(err, null, () => undefined);
        },
      );
  }

  async query(sql: string, paramsOrCallback?: unknown[] | QueryCallback, callback?: QueryCallback): Promise<Results<unknown>> {
    const params = Array.isArray(paramsOrCallback) ? paramsOrCallback : undefined;
    const cb = typeof paramsOrCallback === 'function' ? paramsOrCallback : callback;
    const db = await this.db();
    try {
      // exec() runs multi-statement SQL (migrations); TypeORM expects the last statement's result.
      const result =
        params && params.length > 0
          ? await db.query(sql, params)
          : await db.exec(sql).then((all) => all[all.length - 1] ?? ({ rows: [], fields: [] } as unknown as Results<unknown>));
      cb?.(null, result);
      return result;
    } catch (err) {
      if (cb) {
        cb(err, null);
        return undefined as unknown as Results<unknown>;
      }
      throw err;
    }
  }

  /** The whole database as a tarball, which a later in-memory database can start from (DatabaseConfig `snapshot`). */
  async dumpDataDir(): Promise<Blob> {
    const db = await this.db();
    return this.session.runExclusive(async () => (await db.dumpDataDir('none')) as Blob);
  }

  end(callback?: (err?: unknown) => void): void {
    const closing = this.instance ? this.instance.then((db) => db.close()) : Promise.resolve();
    const dataDir = this.instance && this.options.dataDir;
    this.instance = undefined;
    if (dataDir) void closing.finally(() => releaseDataDir(dataDir));
    closing.then(
      () => callback?.(),
      (err: unknown) => callback?.(err),
    );
  }
}

const LOCK_FILE = 'skygate.pid';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite files must have one process at a time (two would corrupt them), so a second server or
 * a CLI command is refused while another process has the folder open. A lock left by a dead
 * process is taken over.
 */
function claimDataDir(dataDir: string): void {
  const lock = join(dataDir, LOCK_FILE);
  let holder = NaN;
  try {
    holder = Number(readFileSync(lock, 'utf8').trim());
  } catch {
    // no lock yet
  }
  if (Number.isInteger(holder) && holder !== process.pid && processAlive(holder)) {
    throw new Error(
      `the embedded database in ${dataDir} is in use by process ${holder} (a running Skygate?). Stop it first, use its HTTP API, or share a PostgreSQL database through DATABASE_URL.`,
    );
  }
  writeFileSync(lock, `${process.pid}\n`);
}

function releaseDataDir(dataDir: string): void {
  const lock = join(dataDir, LOCK_FILE);
  try {
    if (Number(readFileSync(lock, 'utf8').trim()) === process.pid) rmSync(lock);
  } catch {
    // already gone
  }
}

/** The `driver` option TypeORM's postgres driver takes: an object whose `Pool` it instantiates. */
export function pgliteDriver(options: PglitePoolOptions): { Pool: new () => PglitePool } {
  return {
    Pool: class extends PglitePool {
      constructor() {
        super(options);
      }
    },
  };
}
