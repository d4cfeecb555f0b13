import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installedPgliteVersion, seedDataDir } from './pglite-footprint';
import { PglitePool } from './pglite-pool';

/** A stand-in for dist/pglite-seed: the copy logic does not care what the files hold. */
function fakeSeed(root: string, version: string): string {
  const seed = join(root, 'seed');
  mkdirSync(join(seed, 'pgdata', 'base'), { recursive: true });
  writeFileSync(join(seed, 'pgdata', 'PG_VERSION'), '18\n');
  writeFileSync(join(seed, 'pgdata', 'base', 'file'), 'data');
  writeFileSync(join(seed, 'pglite-version'), `${version}\n`);
  return seed;
}

describe('embedded database footprint', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'skygate-seed-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('fills an empty data folder from the build’s initialised copy, keeping files already there (the PID lock)', () => {
    const seed = fakeSeed(root, installedPgliteVersion());
    const dataDir = join(root, 'pglite');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'skygate.pid'), '1\n');
    expect(seedDataDir(dataDir, seed)).toBe(true);
    expect(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8')).toBe('18\n');
    expect(readFileSync(join(dataDir, 'base', 'file'), 'utf8')).toBe('data');
    expect(existsSync(join(dataDir, 'skygate.pid'))).toBe(true);
    expect(existsSync(`${dataDir}.seeding`)).toBe(false);
  });

  it('leaves an existing database alone', () => {
    const seed = fakeSeed(root, installedPgliteVersion());
    const dataDir = join(root, 'pglite');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'PG_VERSION'), 'mine\n');
    expect(seedDataDir(dataDir, seed)).toBe(false);
    expect(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8')).toBe('mine\n');
  });

  it('falls back to initdb when the copy was made by another PGlite version, or there is none', () => {
    const dataDir = join(root, 'pglite');
    mkdirSync(dataDir);
    expect(seedDataDir(dataDir, fakeSeed(root, '0.0.1'))).toBe(false);
    expect(seedDataDir(dataDir, join(root, 'missing'))).toBe(false);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(false);
  });

  it('starts postgres with the small memory settings', async () => {
    const pool = new PglitePool({});
    try {
      const { rows } = await pool.query(`SELECT name, setting FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'maintenance_work_mem') ORDER BY name`, []);
      // pg_settings counts shared_buffers in 8 kB pages and the others in kB.
      expect(rows).toEqual([
        { name: 'maintenance_work_mem', setting: String(16 * 1024) },
        { name: 'shared_buffers', setting: String((8 * 1024) / 8) },
        { name: 'work_mem', setting: String(2 * 1024) },
      ]);
    } finally {
      await new Promise((r) => pool.end(r));
    }
  });
});
