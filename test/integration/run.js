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

// The suite spawns the built server: build only when the sources changed since the last build.
const build = spawnSync(process.execPath, [join(root, 'scripts/build-stamp.js'), 'ensure'], { cwd: root, stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);

const jestBin = ['--experimental-vm-modules', join(root, 'node_modules/jest/bin/jest.js')];
const extra = process.argv.slice(2);

// 1. Every e2e suite against PostgreSQL.
const postgres = spawnSync(process.execPath, [...jestBin, '--testPathPatterns', 'e2e-spec\\.ts$', ...extra], { cwd: root, stdio: 'inherit', env });

// 2. The equipment suite again with every device on the `indi` driver, plus the INDI-only spec
// (server dying, timeouts), inside a private network namespace (indiserver binds every
// interface). Each file starts its own indiserver with Debian's simulators. The host's
// PostgreSQL is not reachable in there, so they use PGlite; one file at a time (each runs an
// indiserver with nine simulators). Jest's --outputFile, when given, gets an "-indi" twin so CI
// can count both runs.
const indiExtra = extra.map((a) => (a.startsWith('--outputFile=') ? a.replace(/\.json$/, '-indi.json') : a));
const { SKYGATE_TEST_DATABASE_URL: _pg, ...indiEnv } = env;
const indi = spawnSync(join(__dirname, 'indi-namespace.sh'), [process.execPath, ...jestBin, '--runInBand', '--testPathPatterns', 'test/e2e/equipment(-indi(-[a-z]+)?)?\\.e2e-spec\\.ts$', ...indiExtra], {
  cwd: root,
  stdio: 'inherit',
  env: { ...indiEnv, SKYGATE_EQUIPMENT_DRIVER: 'indi' },
});
process.exit(postgres.status || indi.status || 0);
