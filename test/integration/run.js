#!/usr/bin/env node
// `npm run test:integration`: the end-to-end suite (*.e2e-spec.ts) against a real PostgreSQL.
// Each test file creates and drops its own database on the server named here.
// Extra arguments go to Jest (e.g. --json --outputFile=...).
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '../..');
const env = {
  ...process.env,
  SKYGATE_TEST_DATABASE_URL: process.env.SKYGATE_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
};

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);

const jest = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', join(root, 'node_modules/jest/bin/jest.js'), '--testPathPatterns', 'e2e-spec\\.ts$', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env },
);
process.exit(jest.status ?? 1);
