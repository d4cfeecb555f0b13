// Shared by the bench scripts: start a server process pinned to one core, wait for it, load it with
// autocannon pinned to the other core, and summarise. Ratios, not absolute numbers, are the result:
// these machines are noisy, so every target is measured in the same run, interleaved.
const { spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const hasTaskset = process.env.BENCH_NO_PIN ? false : spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const pinned = (cpu, cmd, args) => (hasTaskset ? ['taskset', ['-c', String(cpu), cmd, ...args]] : [cmd, args]);

async function freePort() {
  const s = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Polls `url` until it answers 2xx; `intervalMs` between attempts bounds how late the answer is seen. */
async function waitFor(url, timeoutMs = 60000, intervalMs = 100) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** BENCH_SERVER_STDOUT=<file> keeps what servers print (V8's --trace-gc writes to stdout); else dropped. */
function serverStdout() {
  return process.env.BENCH_SERVER_STDOUT ? require('node:fs').openSync(process.env.BENCH_SERVER_STDOUT, 'a') : 'ignore';
}

/**
 * Starts a target: { script } for a plain node script, { skygate: true, env } for the built server,
 * or { command: (port) => [cmd, args] } for anything else (gunicorn); each pinned to CPU 0.
 */
async function startTarget(target) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'skygate-bench-'));
  const script = target.skygate ? join(root, 'dist/apps/skygate/src/main.js') : target.script;
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...target.env };
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS || '').split(' ').filter(Boolean);
  const [cmd, args] = target.command ? pinned(0, ...target.command(port)) : pinned(0, process.execPath, [...nodeArgs, script]);
  const child = spawn(cmd, args, { env, stdio: ['ignore', serverStdout(), 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}${target.readyPath || '/health/live'}`);
  return {
    base,
    dataDir,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One autocannon run in its own process on the other core; returns req/s mean and p99 latency. */
function load(url, { connections = 50, duration = 8, warmup = 2, headers = {} } = {}) {
  const autocannon = join(root, 'node_modules/autocannon/autocannon.js');
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]);
  const run = (secs) => {
    const [cmd, args] = pinned(1, process.execPath, [autocannon, '-j', '-c', String(connections), '-d', String(secs), ...headerArgs, url]);
    const out = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (out.status !== 0) throw new Error(`autocannon failed: ${out.stderr}`);
    return JSON.parse(out.stdout);
  };
  if (warmup > 0) run(warmup);
  const r = run(duration);
  return { rps: r.requests.average, requests: r.requests.total, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

/** CPU time (user + system, ms) of a process and its direct children (gunicorn's worker). */
function treeCpuMs(pid) {
  const { readdirSync, readFileSync } = require('node:fs');
  const stat = (p) => readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let f;
    try {
      f = stat(entry);
    } catch {
      continue;
    }
    if (entry === String(pid) || f[1] === String(pid)) total += (Number(f[11]) + Number(f[12])) * 10;
  }
  return total;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/**
 * The built app in this process on a throwaway PostgreSQL database (BENCH_DATABASE_URL's server),
 * listening on loopback; `close()` stops it and drops the database.
 */
async function startAppOnPostgres(name, configure = {}) {
  const { mkdtempSync, rmSync } = require('node:fs');
  const { tmpdir } = require('node:os');
  const { Writable } = require('node:stream');
  const { Client } = require('pg');
  const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `bench_${name}_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const dataDir = mkdtempSync(join(tmpdir(), `skygate-bench-${name}-`));
  const { AppConfig } = require(join(root, 'dist/libs/core/src'));
  const { createApp } = require(join(root, 'dist/apps/skygate/src/bootstrap'));
  const config = new AppConfig({ port: 0, host: '127.0.0.1', dataDir, database: { kind: 'postgres', url: url.toString() }, logLevel: 'warn', uploadMaxBytes: 1 << 20, ...configure });
  const app = await createApp({ config, logDestination: new Writable({ write: (_c, _e, done) => done() }) });
  await app.listen(0, '127.0.0.1');
  return {
    app,
    url: url.toString(),
    base: `http://127.0.0.1:${app.getHttpServer().address().port}`,
    close: async () => {
      await app.close();
      await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Full (mark-compact) collections a Skygate server has run so far, from its Prometheus metrics (loopback). */
async function majorGcs(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^skygate_nodejs_gc_duration_seconds_count\{kind="major"\} (\d+)/m.exec(text)?.[1] ?? 0);
}

module.exports = { majorGcs, startTarget, load, treeCpuMs, median, percentile, startAppOnPostgres, freePort, waitFor, root, hasTaskset, serverStdout };
