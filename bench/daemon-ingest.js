// The daemon's time series on PostgreSQL: measurement ingest rate through the daemon's path
// (MeasurementsService.record: insert + a bus event per point, as inputs store their readings),
// against a bare multi-row INSERT of the same points with `pg` in the same run; then `last` and
// `past` latency over HTTP (/api/measurements/...) with 1,000,000 stored points.
// Usage: npm run build && BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/daemon-ingest.js [points]
const { join } = require('node:path');
const { Client, Pool } = require('pg');
const { percentile, root, startAppOnPostgres } = require('./lib');

const STORED = 1_000_000;
const SERIES = 20;

/** Five channels per input, as a BME280 input stores them; `concurrency` inputs at once. */
async function ingest(write, points, concurrency) {
  const perCall = 5;
  const calls = Math.ceil(points / perCall);
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < calls) {
        const n = next++;
        const time = new Date(Date.UTC(2026, 0, 1) + n * 1000);
        await write(Array.from({ length: perCall }, (_, channel) => ({ device_id: `bench-input-${worker}`, unit: 'C', channel, measure: 'temperature', time, value: n + channel / 10 })));
      }
    }),
  );
  return (calls * perCall) / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function timeRequests(base, paths) {
  const ms = [];
  for (const path of paths) {
    const started = process.hrtime.bigint();
    const res = await fetch(`${base}${path}`, { headers: { Accept: 'application/vnd.mycodo.v1+json' } });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

async function main() {
  const points = Number(process.argv[2] || 50_000);
  const { MeasurementsService } = require(join(root, 'dist/libs/daemon/src/measurements/measurements.service'));
  const { app, base, url, close } = await startAppOnPostgres('daemon');
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const measurements = app.get(MeasurementsService);
    const daemon = (batch) => measurements.record(batch);
    const pool = new Pool({ connectionString: url, max: 8 });
    const bare = async (batch) => {
      const values = batch.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`).join(', ');
      await pool.query(`INSERT INTO daemon_measurements (device_id, unit, channel, measure, time, value) VALUES ${values}`, batch.flatMap((p) => [p.device_id, p.unit, p.channel, p.measure, p.time, p.value]));
    };
    await ingest(daemon, 2000, 4); // warm-up
    const rounds = [];
    for (let round = 0; round < 2; round++) {
      rounds.push({ daemon: await ingest(daemon, points, 8), bare: await ingest(bare, points, 8) });
      process.stderr.write(`round ${round + 1}: daemon ${Math.round(rounds[round].daemon)} points/s, bare INSERT ${Math.round(rounds[round].bare)} points/s\n`);
    }
    await pool.end();
    await db.query('TRUNCATE daemon_measurements');
    // 1,000,000 points: 20 series of 50,000, one every 10 s, the newest now.
    const loadStarted = Date.now();
    await db.query(
      `INSERT INTO daemon_measurements (device_id, unit, channel, measure, time, value)
       SELECT 'bench-series-' || (n % ${SERIES}), 'C', 0, 'temperature', now() - ((n / ${SERIES}) * interval '10 seconds'), random() * 30
       FROM generate_series(0, ${STORED - 1}) AS n`,
    );
    // As a long-running daemon's table would be: vacuumed, analysed, the bulk load checkpointed.
    await db.query('VACUUM (ANALYZE) daemon_measurements');
    await db.query('CHECKPOINT');
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    const pick = (n) => `bench-series-${n % SERIES}`;
    await timeRequests(base, Array.from({ length: 50 }, (_, n) => `/api/measurements/last/${pick(n)}/C/0/3600`)); // warm-up
    const last = await timeRequests(base, Array.from({ length: 500 }, (_, n) => `/api/measurements/last/${pick(n)}/C/0/3600`));
    const past = await timeRequests(base, Array.from({ length: 300 }, (_, n) => `/api/measurements/past/${pick(n)}/C/0/3600`));
    const health = await timeRequests(base, Array.from({ length: 300 }, () => '/api/daemon/'));
    const inProcess = async (fn, count) => {
      const ms = [];
      for (let n = 0; n < count; n++) {
        const started = process.hrtime.bigint();
        await fn({ device_id: pick(n), unit: 'C', channel: 0 });
        ms.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
    };
    const lastService = await inProcess((key) => measurements.last(key, 3600), 500);
    const pastService = await inProcess((key) => measurements.past(key, 3600, 5000), 300);
    const med = (key) => Math.max(...rounds.map((r) => r[key]));
    console.log(`\n${new Date().toISOString().slice(0, 10)}, PostgreSQL, ${points} points per round (5 per record() call), best of ${rounds.length}`);
    console.log('| ingest | points/s | vs bare INSERT |');
    console.log('|---|---|---|');
    console.log(`| daemon (MeasurementsService.record, 8 inputs at once) | ${Math.round(med('daemon'))} | ${(med('daemon') / med('bare')).toFixed(2)} |`);
    console.log(`| bare multi-row INSERT per call (pg pool of 8, 8 at once) | ${Math.round(med('bare'))} | 1.00 |`);
    console.log(`\n${STORED} stored points in ${SERIES} series (bulk insert ${loadSeconds.toFixed(1)} s); sequential HTTP requests`);
    console.log('| request | p50 ms | p95 ms |');
    console.log('|---|---|---|');
    console.log(`| GET /api/measurements/last/.../3600 | ${last.p50.toFixed(2)} | ${last.p95.toFixed(2)} |`);
    console.log(`| GET /api/measurements/past/.../3600 (360 points) | ${past.p50.toFixed(2)} | ${past.p95.toFixed(2)} |`);
    console.log(`| GET /api/daemon/ (no database; baseline) | ${health.p50.toFixed(2)} | ${health.p95.toFixed(2)} |`);
    console.log(`| MeasurementsService.last (in process, no HTTP) | ${lastService.p50.toFixed(2)} | ${lastService.p95.toFixed(2)} |`);
    console.log(`| MeasurementsService.past (in process, no HTTP) | ${pastService.p50.toFixed(2)} | ${pastService.p95.toFixed(2)} |`);
  } finally {
    await db.end();
    await close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
