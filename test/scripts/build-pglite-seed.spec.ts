import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PglitePool } from '@app/core';
import { MIGRATIONS } from '../../apps/skygate/src/migrations';

const ROOT = join(__dirname, '..', '..');
const SEED = join(ROOT, 'dist', 'pglite-seed');

describe('scripts/build-pglite-seed.js: the data folder a first start on the embedded database copies', () => {
  let copy: string;
  afterEach(() => copy && rmSync(copy, { recursive: true, force: true }));

  it('holds every migration of this build, and is left alone while PGlite and the migrations stay the same', async () => {
    // `npm test` and CI build first; the seed is part of `npm run build`.
    expect(existsSync(join(ROOT, 'dist', 'apps', 'skygate-cli', 'src', 'main.js'))).toBe(true);
    const build = () => spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-pglite-seed.js')], { encoding: 'utf8' });
    const first = build();
    expect(first.status).toBe(0);
    const key = readFileSync(join(SEED, 'migrations-sha256'), 'utf8');
    const again = build();
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('');
    expect(readFileSync(join(SEED, 'migrations-sha256'), 'utf8')).toBe(key);

    copy = mkdtempSync(join(tmpdir(), 'skygate-seed-copy-'));
    cpSync(join(SEED, 'pgdata'), join(copy, 'pgdata'), { recursive: true });
    const pool = new PglitePool({ dataDir: join(copy, 'pgdata') });
    try {
      const { rows } = await pool.query('SELECT name FROM skygate_migrations', []);
      expect((rows as { name: string }[]).map((r) => r.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
      const roles = await pool.query('SELECT count(*)::int AS n FROM roles WHERE builtin', []);
      expect((roles.rows as { n: number }[])[0].n).toBeGreaterThan(0);
    } finally {
      await new Promise((r) => pool.end(r));
    }
  }, 120_000);
});
