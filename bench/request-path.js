// The request path (issue 19, goal 3): Skygate's guarded JSON route GET /auth/me called with an API
// key (X-API-KEY), against a bare Express 5 route and Flask under gunicorn (the Allsky Server's
// settings, 1 worker x 4 threads) returning the same body, each on its own server pinned to CPU 0,
// interleaved rounds, autocannon on CPU 1. Goals: Skygate >= 0.80 of Express and >= 2.0 of Flask.
// Debian's python3-flask and gunicorn are installed with apt-get when absent (as root), not by npm ci.
// Usage: npm run build && node bench/request-path.js [rounds]
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { startTarget, load, median, hasTaskset, treeCpuMs } = require('./lib');

const PATH = '/auth/me';

/** Flask and gunicorn from Debian; installed here when missing (the bench's own dependency, not the app's). */
function ensureFlask() {
  const present = () => spawnSync('python3', ['-c', 'import flask']).status === 0 && spawnSync('sh', ['-c', 'command -v gunicorn']).status === 0;
  if (present()) return;
  process.stderr.write('request-path: installing python3-flask and gunicorn (apt-get)\n');
  const out = spawnSync('sh', ['-c', 'apt-get install -y --no-install-recommends python3-flask gunicorn || (apt-get update && apt-get install -y --no-install-recommends python3-flask gunicorn)'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (out.status !== 0 || !present()) throw new Error('python3-flask and gunicorn are needed (apt-get install python3-flask gunicorn)');
}

async function main() {
  const rounds = Number(process.argv[2] || 3);
  ensureFlask();
  const skygate = await startTarget({ skygate: true });
  const others = [];
  try {
    const post = (path, body, headers = {}) =>
      fetch(`${skygate.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) => r.json());
    await post('/users', { username: 'bench', password: 'bench-password', roles: ['viewer'] });
    const { access_token: token } = await post('/login', { username: 'bench', password: 'bench-password' });
    const { key } = await post('/auth/api-keys', { name: 'bench' }, { authorization: `Bearer ${token}` });
    if (!key) throw new Error('could not create the bench API key');
    const res = await fetch(`${skygate.base}${PATH}`, { headers: { 'x-api-key': key } });
    const body = await res.text();
    if (res.status !== 200 || JSON.parse(body).via !== 'api-key') throw new Error(`${PATH} with the key: ${res.status} ${body}`);
    const env = { BENCH_BODY: body, BENCH_PATH: PATH };
    const express = await startTarget({ script: join(__dirname, 'servers/express.js'), readyPath: PATH, env });
    others.push(express);
    // Express with Skygate's born-typed requests (no goal): on Node 20 the bare app above pays for
    // Express's per-request setPrototypeOf, which Skygate no longer does; this shows that cost.
    const typed = await startTarget({ script: join(__dirname, 'servers/express.js'), readyPath: PATH, env: { ...env, BENCH_BORN_TYPED: '1' } });
    others.push(typed);
    const flask = await startTarget({
      readyPath: PATH,
      env,
      command: (port) => ['gunicorn', ['--workers', '1', '--threads', '4', '--bind', `127.0.0.1:${port}`, '--chdir', join(__dirname, 'servers'), '--log-level', 'warning', 'flask_app:app']],
    });
    others.push(flask);
    for (const [name, base] of [['Express', express.base], ['Express (born-typed)', typed.base], ['Flask', flask.base]]) {
      const text = await (await fetch(`${base}${PATH}`)).text();
      if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(JSON.parse(body))) throw new Error(`${name} answers a different body`);
    }
    const targets = {
      'skygate (API key)': { base: skygate.base, pid: skygate.pid, headers: { 'x-api-key': key } },
      'express 5 (bare)': { base: express.base, pid: express.pid, headers: {} },
      'flask + gunicorn (1×4)': { base: flask.base, pid: flask.pid, headers: {} },
      'express 5 (born-typed)': { base: typed.base, pid: typed.pid, headers: {} },
    };
    const results = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const [name, t] of Object.entries(targets)) {
        load(`${t.base}${PATH}`, { headers: t.headers, duration: 2, warmup: 0 });
        const cpuBefore = treeCpuMs(t.pid);
        const r = load(`${t.base}${PATH}`, { headers: t.headers, warmup: 0 });
        // Server CPU per request: on a machine shared with other jobs this moves less than req/s.
        r.cpuUs = ((treeCpuMs(t.pid) - cpuBefore) * 1000) / r.requests;
        if (r.errors) throw new Error(`${name}: ${r.errors} errors`);
        results[name].push(r);
        process.stderr.write(`round ${round} ${name}: ${Math.round(r.rps)} req/s p99 ${r.p99} ms, ${r.cpuUs.toFixed(0)} µs server CPU/request\n`);
      }
    }
    const rps = (name) => median(results[name].map((r) => r.rps));
    const exp = rps('express 5 (bare)');
    const fl = rps('flask + gunicorn (1×4)');
    console.log(`\n${new Date().toISOString().slice(0, 10)}, GET ${PATH} (${body.length}-byte body), ${rounds} rounds, 50 connections, median; taskset pinning: ${hasTaskset}`);
    const cpu = (name) => median(results[name].map((r) => r.cpuUs));
    console.log(`load average ${require('node:os').loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log('| target | req/s | p99 ms | vs express | vs flask | server CPU µs/request | CPU/request vs express |');
    console.log('|---|---|---|---|---|---|---|');
    for (const [name, rs] of Object.entries(results)) {
      const r = rps(name);
      console.log(`| ${name} | ${Math.round(r)} | ${median(rs.map((x) => x.p99))} | ${(r / exp).toFixed(3)} | ${(r / fl).toFixed(3)} | ${cpu(name).toFixed(0)} | ${(cpu(name) / cpu('express 5 (bare)')).toFixed(2)} |`);
    }
  } finally {
    for (const s of others) await s.stop();
    await skygate.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
