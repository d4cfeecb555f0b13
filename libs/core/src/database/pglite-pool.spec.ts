import { DataSource } from 'typeorm';
import { DatabaseBusyError, PglitePool } from './pglite-pool';

/** The pool as typeorm-pglite builds it: everyone shares the session at once. */
class SharedSessionPool extends PglitePool {
  override connect(callback: (err: unknown, client: PglitePool | null, done: () => void) => void): void {
    this.db().then(() => callback(null, this, () => undefined));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function dataSourceOver(Pool: typeof PglitePool): DataSource {
  return new DataSource({
    type: 'postgres',
    driver: { Pool: class extends Pool { constructor() { super({}); } } },
    installExtensions: false,
    uuidExtension: 'pgcrypto',
  });
}

/** Transaction A inserts and rolls back while transaction B inserts and commits, interleaved. */
async function interleavedTransactions(ds: DataSource): Promise<string[]> {
  await ds.query('CREATE TABLE readings (label text NOT NULL)');
  const a = ds.transaction(async (em) => {
    await em.query(`INSERT INTO readings VALUES ('rolled-back')`);
    await sleep(50);
    throw new Error('abort A');
  }).catch(() => 'aborted');
  const b = ds.transaction(async (em) => {
    await sleep(10);
    await em.query(`INSERT INTO readings VALUES ('committed')`);
  });
  await Promise.all([a, b]);
  const rows: { label: string }[] = await ds.query('SELECT label FROM readings ORDER BY label');
  return rows.map((r) => r.label);
}

describe('PglitePool', () => {
  it('without serialisation, a rolled-back insert is committed by a concurrent transaction (the bug)', async () => {
    const ds = await dataSourceOver(SharedSessionPool).initialize();
    try {
      expect(await interleavedTransactions(ds)).toEqual(['committed', 'rolled-back']);
    } finally {
      await ds.destroy();
    }
  });

  it('serialises sessions, so a rolled-back insert stays rolled back (the fix)', async () => {
    const ds = await dataSourceOver(PglitePool).initialize();
    try {
      expect(await interleavedTransactions(ds)).toEqual(['committed']);
    } finally {
      await ds.destroy();
    }
  });

  it('reports a failed query once, as a rejection', async () => {
    const pool = new PglitePool({});
    try {
      await expect(pool.query('SELECT * FROM missing_table')).rejects.toThrow(/missing_table/);
      const viaCallback = await new Promise<unknown>((resolve) => void pool.query('SELECT nope', [], (err) => resolve(err)));
      expect(String(viaCallback)).toMatch(/nope/);
    } finally {
      await new Promise((r) => pool.end(r));
    }
  });

  it('gives each DataSource its own database (no process-wide singleton)', async () => {
    const one = await dataSourceOver(PglitePool).initialize();
    const two = await dataSourceOver(PglitePool).initialize();
    try {
      await one.query('CREATE TABLE only_in_one (x int)');
      await expect(two.query('SELECT * FROM only_in_one')).rejects.toThrow(/only_in_one/);
    } finally {
      await Promise.all([one.destroy(), two.destroy()]);
    }
  });
});

describe('PglitePool wait bound (DATABASE_MAX_WAITING)', () => {
  const connect = (pool: PglitePool) =>
    new Promise<{ done: () => void }>((resolve, reject) => pool.connect((err, _client, done) => (err ? reject(err) : resolve({ done }))));

  it('refuses a query runner past maxWaiting at once, and admits again once the queue shrinks', async () => {
    const pool = new PglitePool({ maxWaiting: 2 });
    const holder = await connect(pool);
    const queued = [connect(pool), connect(pool)];
    expect(pool.waiting).toBe(2);
    await expect(connect(pool)).rejects.toBeInstanceOf(DatabaseBusyError);
    holder.done();
    (await queued[0]).done();
    (await queued[1]).done();
    expect(pool.waiting).toBe(0);
    (await connect(pool)).done();
    await new Promise((r) => pool.end(r));
  });
});
