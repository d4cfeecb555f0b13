import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../config/package-version';

/**
 * What keeps the embedded database small enough for a 1 GB board (bench/startup.js; README
 * "Memory and start-up" has the numbers of each choice):
 *
 * - postgres' own defaults (shared_buffers 160 MB in PGlite's initdb, 64 MB maintenance_work_mem)
 *   are sized for a server; a WASM heap never shrinks, so every buffer touched stays resident.
 * - V8's TurboFan tier for the WASM module (see useBaselineWasmCompiler).
 * - initdb runs in a second WASM instance whose heap stays resident (545 MiB after a first start);
 *   a data folder initialised and migrated at build time (`npm run build`) is copied instead.
 */
export const PGLITE_MEMORY_SETTINGS: readonly string[] = ['shared_buffers=8MB', 'wal_buffers=1MB', 'temp_buffers=2MB', 'work_mem=2MB', 'maintenance_work_mem=16MB'];

/** PGlite's own start parameters (single-user mode, no parallel workers, ...) plus the settings above. */
export function pgliteStartParams(defaults: readonly string[]): string[] {
  return [...defaults, ...PGLITE_MEMORY_SETTINGS.flatMap((setting) => ['-c', setting])];
}

/** Where `npm run build` leaves the initialised, migrated data folder (scripts/build-pglite-seed.js). */
export function pgliteSeedDir(root = findPackageRoot()): string | undefined {
  return root ? join(root, 'dist', 'pglite-seed') : undefined;
}

export function installedPgliteVersion(): string {
  const entry = require.resolve('@electric-sql/pglite');
  const marker = join('node_modules', '@electric-sql', 'pglite');
  const root = entry.slice(0, entry.lastIndexOf(marker) + marker.length);
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Fills an empty data folder from the build's initialised (and migrated) copy, when that copy was made by the
 * PGlite version installed now (another version's files may not open). Returns whether it did;
 * otherwise PGlite runs initdb as before.
 */
export function seedDataDir(dataDir: string, seedDir = pgliteSeedDir()): boolean {
  if (!seedDir || existsSync(join(dataDir, 'PG_VERSION'))) return false;
  const pgdata = join(seedDir, 'pgdata');
  try {
    if (readFileSync(join(seedDir, 'pglite-version'), 'utf8').trim() !== installedPgliteVersion()) return false;
  } catch {
    return false;
  }
  if (!existsSync(join(pgdata, 'PG_VERSION'))) return false;
  // Copy beside, then rename file by file: a crash mid-copy leaves no half folder with PG_VERSION.
  const staging = `${dataDir.replace(/\/+$/, '')}.seeding`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(pgdata, staging, { recursive: true });
  const entries = readdirSync(staging).sort((a, b) => Number(a === 'PG_VERSION') - Number(b === 'PG_VERSION'));
  for (const name of entries) renameSync(join(staging, name), join(dataDir, name));
  rmSync(staging, { recursive: true, force: true });
  return true;
}
