#!/usr/bin/env node
// `npm start` rebuilds only when something the build reads changed since the last build.
//   node scripts/build-stamp.js begin [--root DIR]   the start of `npm run build`: forget the old stamp
//   node scripts/build-stamp.js check [--root DIR]   exit 0 when dist is up to date, 1 when stale
//   node scripts/build-stamp.js write [--root DIR]   record a finished build (the end of `npm run build`)
//   node scripts/build-stamp.js ensure                build when stale (`prestart`)
// Stale means: no stamp, or a file under SOURCE_DIRS or a CONFIG_FILES entry is newer than the
// stamp, or the set of source files differs from the one recorded (a deleted file rebuilds too).
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const SOURCE_DIRS = ['apps', 'libs', 'scripts'];
const CONFIG_FILES = ['package.json', 'package-lock.json', 'nest-cli.json', 'tsconfig.json', 'tsconfig.build.json'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git']);
const STAMP = join('dist', '.build-stamp.json');
const STARTED = join('dist', '.build-started');

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(path, out);
    } else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Every input of the build with its modification time, newest first. */
function inputs(root) {
  const files = SOURCE_DIRS.flatMap((dir) => walk(join(root, dir), []));
  files.push(...CONFIG_FILES.map((f) => join(root, f)).filter((f) => existsSync(f)));
  return files.map((file) => ({ file: relative(root, file), mtimeMs: statSync(file).mtimeMs })).sort((a, b) => b.mtimeMs - a.mtimeMs);
}

/** Why the build is stale, or undefined when it is not. */
function staleReason(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP), 'utf8'));
  } catch {
    return 'no build stamp (never built here)';
  }
  const now = inputs(root);
  const newer = now.find((input) => input.mtimeMs > stamp.builtAtMs);
  if (newer) return `${newer.file} changed after the last build`;
  if (now.length !== stamp.fileCount || now.map((i) => i.file).sort().join('\n') !== stamp.files.join('\n')) return 'source files were added or removed';
  return undefined;
}

/** A build that fails half-way must leave dist stale, so the stamp goes first. */
function begin(root) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  rmSync(join(root, STAMP), { force: true });
  writeFileSync(join(root, STARTED), `${Date.now()}\n`);
}

function write(root) {
  let startedAtMs = Date.now();
  try {
    startedAtMs = Number(readFileSync(join(root, STARTED), 'utf8').trim()) || startedAtMs;
  } catch {
    // built without `begin`: the stamp takes the current time
  }
  rmSync(join(root, STARTED), { force: true });
  const files = inputs(root).map((i) => i.file).sort();
  mkdirSync(join(root, 'dist'), { recursive: true });
  // The build's start time: a file saved while the build ran counts as changed next time.
  writeFileSync(join(root, STAMP), `${JSON.stringify({ builtAtMs: startedAtMs, fileCount: files.length, files })}\n`);
}

function main(argv) {
  const command = argv[0];
  const rootFlag = argv.indexOf('--root');
  const root = rootFlag >= 0 ? argv[rootFlag + 1] : join(__dirname, '..');
  if (command === 'check') {
    const reason = staleReason(root);
    console.log(reason ? `stale: ${reason}` : 'up to date');
    return reason ? 1 : 0;
  }
  if (command === 'begin') {
    begin(root);
    return 0;
  }
  if (command === 'write') {
    write(root);
    return 0;
  }
  if (command === 'ensure') {
    const reason = staleReason(root);
    if (!reason) {
      console.log('skygate: build is up to date (dist/.build-stamp.json); not rebuilding');
      return 0;
    }
    if (!existsSync(join(root, 'node_modules', '@nestjs', 'cli'))) {
      // A production install (npm ci --omit=dev) has no compiler: it runs the dist it was given.
      if (existsSync(join(root, 'dist', 'apps', 'skygate', 'src', 'main.js'))) {
        console.log(`skygate: ${reason}, but the build tools are not installed (npm ci --omit=dev); starting the existing dist`);
        return 0;
      }
      console.error('skygate: no build in dist and no build tools installed: run `npm ci && npm run build` (or copy a built dist here)');
      return 1;
    }
    console.log(`skygate: building (${reason})`);
    const result = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
    return result.status ?? 1;
  }
  console.error('usage: build-stamp.js begin|check|write|ensure [--root DIR]');
  return 2;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
module.exports = { begin, inputs, staleReason, write };
