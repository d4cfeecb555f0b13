#!/usr/bin/env node
// Runs PGlite's initdb once at build time and keeps the initialised data folder in dist/pglite-seed,
// so a server's first start copies it instead of running initdb in a second WASM instance (whose heap
// would stay resident: ~550 MiB). Rebuilt only when the installed PGlite version changes.
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const seedDir = join(root, 'dist', 'pglite-seed');
const versionFile = join(seedDir, 'pglite-version');

async function main() {
  const version = require(join(root, 'node_modules/@electric-sql/pglite/package.json')).version;
  if (existsSync(versionFile) && readFileSync(versionFile, 'utf8').trim() === version && existsSync(join(seedDir, 'pgdata', 'PG_VERSION'))) return;
  const { PGlite } = await import('@electric-sql/pglite');
  const staging = `${seedDir}.staging`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const db = await PGlite.create({ dataDir: join(staging, 'pgdata') });
  await db.query('SELECT 1');
  await db.close();
  writeFileSync(join(staging, 'pglite-version'), `${version}\n`);
  rmSync(seedDir, { recursive: true, force: true });
  renameSync(staging, seedDir);
  console.log(`pglite seed: initialised data folder for PGlite ${version} in dist/pglite-seed`);
}

main().catch((err) => {
  console.error(`pglite seed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
