// Every bench figure with its goal, from one run each: prints `figure | value | goal | met` and exits 1
// when a goal is missed (or a bench failed). Short settings, so the whole takes a few minutes; the
// README's numbers come from it. Build first: `npm run build`.
//   node bench/run-all.js [--only startup,auth,...]
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) adds the PostgreSQL start-up figures.
const { spawn, spawnSync } = require('node:child_process');
const { loadavg } = require('node:os');
const { join } = require('node:path');

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const pgUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_PG;
const pgReachable = () => spawnSync('pg_isready', ['-q', '-d', pgUrl]).status === 0;
const hasCommand = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** A markdown table row's cells by its first cell. */
function row(out, label) {
  const line = out.split('\n').find((l) => l.startsWith(`| ${label} |`));
  return line ? line.split('|').slice(2, -1).map((c) => c.trim()) : undefined;
}
const cell = (out, label, index) => {
  const cells = row(out, label);
  return cells ? Number(cells[index]) : NaN;
};
/** The last JSON object a bench printed (archive-upload, fits-headers). */
function lastJson(out) {
  const start = out.lastIndexOf('\n{');
  return JSON.parse(out.slice(start + 1));
}

const atMost = (goal, unit) => ({ text: `≤ ${goal}${unit}`, met: (v) => v <= goal });
const below = (goal, unit) => ({ text: `< ${goal}${unit}`, met: (v) => v < goal });
const atLeast = (goal, unit = '') => ({ text: `≥ ${goal}${unit}`, met: (v) => v >= goal });
const noGoal = { text: 'none (reported)', met: () => undefined };

/** Each bench: how to run it briefly, and the figures it yields with their goals (bench/README.md, issue 19). */
const BENCHES = [
  {
    name: 'startup',
    args: ['bench/startup.js'],
    env: () => (pgReachable() ? { BENCH_DATABASE_URL: pgUrl } : {}),
    figures: [
      ['start-up, PGlite new database (ms)', (o) => cell(o, 'PGlite, new database', 0), atMost(4000, ' ms')],
      ['idle RSS, PGlite new database (MiB)', (o) => cell(o, 'PGlite, new database', 1), atMost(200, ' MiB')],
      ['start-up, PGlite reopened (ms)', (o) => cell(o, 'PGlite, reopened', 0), atMost(2500, ' ms')],
      ['idle RSS, PGlite reopened (MiB)', (o) => cell(o, 'PGlite, reopened', 1), atMost(200, ' MiB')],
      ['start-up, PostgreSQL (ms)', (o) => cell(o, 'PostgreSQL 15', 0), atMost(1000, ' ms')],
      ['idle RSS, PostgreSQL (MiB)', (o) => cell(o, 'PostgreSQL 15', 1), atMost(110, ' MiB')],
      ['server CPU to /health, PGlite new database (ms)', (o) => cell(o, 'PGlite, new database', 2), noGoal],
      ['server CPU to /health, PGlite reopened (ms)', (o) => cell(o, 'PGlite, reopened', 2), noGoal],
      ['server CPU to /health, PostgreSQL (ms)', (o) => cell(o, 'PostgreSQL 15', 2), noGoal],
      ['RSS 3 s after /health, PGlite new database (MiB)', (o) => cell(o, 'PGlite, new database', 3), noGoal],
      ['RSS 3 s after /health, PGlite reopened (MiB)', (o) => cell(o, 'PGlite, reopened', 3), noGoal],
      ['RSS 3 s after /health, PostgreSQL (MiB)', (o) => cell(o, 'PostgreSQL 15', 3), noGoal],
    ],
  },
  {
    name: 'http',
    args: ['bench/http.js', '1'],
    figures: [['GET /health/live, Skygate req/s vs Express 5', (o) => cell(o, 'skygate', 3), noGoal]],
  },
  {
    name: 'auth',
    args: ['bench/auth.js', '1'],
    figures: [
      ['GET /auth/me with a JWT vs no credentials', (o) => cell(o, 'JWT (Authorization: Bearer)', 2), atLeast(0.85)],
      ['GET /auth/me with an API key vs no credentials', (o) => cell(o, 'API key (X-API-KEY)', 2), atLeast(0.85)],
    ],
  },
  {
    name: 'equipment-http',
    args: ['bench/equipment-http.js', '1'],
    figures: [['camera/info req/s vs /health/live', (o) => cell(o, 'v2/api/equipment/camera/info', 2), atLeast(0.8)]],
  },
  {
    name: 'request-path',
    args: ['bench/request-path.js', '3'],
    figures: [
      ['GET /auth/me with an API key, Skygate req/s vs bare Express 5', (o) => cell(o, 'skygate (API key)', 2), atLeast(0.8)],
      ['GET /auth/me with an API key, Skygate req/s vs Flask + gunicorn (1×4)', (o) => cell(o, 'skygate (API key)', 3), atLeast(2.0)],
      ['GET /auth/me, Skygate server CPU per request vs bare Express 5', (o) => cell(o, 'skygate (API key)', 5), noGoal],
      ['GET /auth/me, Skygate req/s vs Express 5 with born-typed requests', (o) => Number((cell(o, 'skygate (API key)', 2) / cell(o, 'express 5 (born-typed)', 2)).toFixed(3)), noGoal],
    ],
  },
  {
    name: 'websocket-fanout',
    args: ['bench/websocket-fanout.js', '1000', '3'],
    figures: [
      ['1,000 /v2/socket clients: IMAGE-SAVE delivery p99 (ms)', (o) => cell(o, 'delivery after the first client, p99 ms', 0), below(100, ' ms')],
      ['1,000 /v2/socket clients: server RSS growth (MiB)', (o) => cell(o, 'server RSS growth, peak during broadcasts MiB', 0), noGoal],
    ],
  },
  {
    name: 'equipment-blob',
    args: ['bench/equipment-blob.js', '10'],
    figures: [['INDI BLOB → IMAGE-SAVE median (ms)', (o) => cell(o, 'this checkout', 0), below(50, ' ms')]],
  },
  {
    name: 'archive-upload',
    args: ['bench/archive-upload.js', '1074', '5'],
    // Both servers on both cores: Skygate hashes on a second thread by design (a Pi has four cores).
    env: () => ({ BENCH_NO_PIN: '1' }),
    figures: [
      ['1 GiB FITS upload (archive) vs bare durable node:http', (o) => lastJson(o).vs_bare_durable, atLeast(0.9)],
      ['1 GiB FITS upload (archive), server RSS growth (MiB)', (o) => lastJson(o).peak_growth_mib, below(64, ' MiB')],
      ['1 GiB FITS upload (archive): server full GCs per GiB (median)', (o) => lastJson(o).full_gcs_per_gib, below(5, '')],
    ],
  },
  {
    name: 'upload',
    args: ['bench/upload.js', '1024', '3'],
    env: () => ({ BENCH_NO_PIN: '1' }),
    figures: [
      ['SyncAPI upload (1 GiB) vs bare durable node:http', (o) => Number(/upload \/ bare durable sink: ([\d.]+)/.exec(o)?.[1]), atLeast(0.9)],
      ['SyncAPI upload (1 GiB) vs cat + sync', (o) => cell(o, 'ratio to cat (goal: upload >= 0.8)', 3), noGoal],
      ['SyncAPI upload, server RSS growth (MiB)', (o) => Number(/peak server RSS growth during the upload: ([\d.]+) MiB/.exec(o)?.[1]), below(64, ' MiB')],
      ['SyncAPI upload: server full GCs per GiB (median)', (o) => Number(/server full GCs per GiB: ([\d.]+)/.exec(o)?.[1]), below(5, '')],
    ],
  },
  {
    name: 'fits-headers',
    args: ['bench/fits-headers.js', '300'],
    figures: [['FITS header parse time vs plain stream reads', (o) => lastJson(o).parse_vs_stream_time, noGoal]],
  },
  {
    // A short night (200 frames) keeps run-all within its time; `node bench/sequencer.js` runs 1,000.
    name: 'sequencer',
    args: ['bench/sequencer.js', '30', '200', '0.1'],
    timeoutSeconds: 600,
    figures: [
      ['sequence: exposure end → next exposure start, median (ms)', (o) => cell(o, 'sequence', 0), below(100, ' ms')],
      ['sequence vs API capture loop, median overhead ratio', (o) => cell(o, 'ratio sequence / API loop', 0), below(1, '')],
      ['accelerated night: wall time a frame (ms)', (o) => cell(o, 'accelerated night', 2), noGoal],
      ['accelerated night: peak RSS (MiB)', (o) => cell(o, 'accelerated night', 3), noGoal],
      ['accelerated night: peak RSS growth after the first tenth (ratio)', (o) => Number((cell(o, 'accelerated night', 3) / cell(o, 'accelerated night', 4)).toFixed(2)), atMost(1.2, '')],
    ],
  },
  {
    name: 'plate-solve',
    args: ['bench/plate-solve.js', '1'],
    when: () => hasCommand('solve-field'),
    figures: [['plate solve blind vs hinted (time)', (o) => cell(o, 'blind (scale only)', 1), noGoal]],
  },
];

function runBench(bench) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, bench.args, {
      cwd: join(__dirname, '..'),
      env: { ...process.env, ...bench.env?.() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => process.stderr.write(d));
    const timer = setTimeout(() => child.kill('SIGTERM'), (bench.timeoutSeconds ?? 180) * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ out, code, seconds: (Date.now() - started) / 1000 });
    });
  });
}

async function main() {
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? new Set(process.argv[onlyAt + 1].split(',')) : undefined;
  const rows = [];
  const load = [loadavg()[0]];
  for (const bench of BENCHES) {
    if (only && !only.has(bench.name)) continue;
    if (bench.when && !bench.when()) {
      rows.push({ figure: `${bench.name}: skipped (tool missing)`, value: '—', goal: '—', met: '—' });
      continue;
    }
    process.stderr.write(`run-all: ${bench.args.join(' ')}\n`);
    const { out, code, seconds } = await runBench(bench);
    process.stderr.write(`run-all: ${bench.name} took ${seconds.toFixed(0)} s\n`);
    load.push(loadavg()[0]);
    for (const [figure, read, goal] of bench.figures) {
      let value = NaN;
      try {
        value = read(out);
      } catch {
        // the bench printed no such figure
      }
      const missing = code !== 0 || !Number.isFinite(value);
      const met = missing ? false : goal.met(value);
      rows.push({ figure, value: missing ? `failed (exit ${code})` : String(value), goal: goal.text, met: met === undefined ? '—' : met ? 'yes' : '**no**', missed: met === false });
    }
  }
  console.log(`\n${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, load average during the run ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}`);
  console.log('| figure | value | goal | met |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.figure} | ${r.value} | ${r.goal} | ${r.met} |`);
  const missed = rows.filter((r) => r.missed).length;
  console.log(missed ? `\n${missed} goal(s) missed` : '\nevery goal met');
  process.exitCode = missed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
