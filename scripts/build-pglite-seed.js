#!/usr/bin/env node
// Builds, once, the data folder a server's first start on the embedded database copies into
// DATA_DIR/pglite (dist/pglite-seed): PGlite's initdb, then every migration of this build, applied
// by the built CLI (`skygate-cli migrate`, the same code and migration list as the server). A first
// start then neither runs initdb in a second WASM instance (whose heap would stay resident: ~550 MiB)
// nor the migrations (bench/startup.js: ~0.5 s of the first start, and the WASM heap they touched).
// Rebuilt when the installed PGlite version or the built migrations change. The migrations only
// create tables and the built-in roles, nothing a site must not share with another.
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const seedDir = join(dist, 'pglite-seed');
const versionFile = join(seedDir, 'pglite-version');
const migrationsFile = join(seedDir, 'migrations-sha256');

/** SHA-256 over the built migration list and every built migration file, in a fixed order. */
function migrationsKey() {
  const files = [join(dist, 'apps/skygate/src/migrations.js')];
  const libs = join(dist, 'libs');
  for (const lib of readdirSync(libs).sort()) {
    const folder = join(libs, lib, 'src', 'migrations');
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) if (name.endsWith('.js')) files.push(join(folder, name));
  }
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.slice(dist.length)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const readOr = (file, fallback) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : fallback);

async function main() {
  const version = require(join(root, 'node_modules/@electric-sql/pglite/package.json')).version;
  const key = migrationsKey();
  if (readOr(versionFile, '') === version && readOr(migrationsFile, '') === key && existsSync(join(seedDir, 'pgdata', 'PG_VERSION'))) return;
  const { PGlite } = await import('@electric-sql/pglite');
  const staging = `${seedDir}.staging`;
  const dataDir = join(staging, 'data');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: join(dataDir, 'pglite') });
  await db.query('SELECT 1');
  await db.close();
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const migrate = spawnSync(process.execPath, [join(dist, 'apps/skygate-cli/src/main.js'), 'migrate'], { env, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`skygate-cli migrate failed (${migrate.status ?? migrate.signal}): ${migrate.stderr || migrate.stdout}`);
  renameSync(join(dataDir, 'pglite'), join(staging, 'pgdata'));
  rmSync(dataDir, { recursive: true, force: true });
  writeFileSync(join(staging, 'pglite-version'), `${version}\n`);
  writeFileSync(join(staging, 'migrations-sha256'), `${key}\n`);
  rmSync(seedDir, { recursive: true, force: true });
  renameSync(staging, seedDir);
  const applied = (migrate.stdout.match(/^ {2}\S/gm) ?? []).length;
  console.log(`pglite seed: PGlite ${version} data folder with ${applied} migration(s) applied in dist/pglite-seed`);
}

main().catch((err) => {
  console.error(`pglite seed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
