// GET /health/live-like routes on a bare node:http server, a bare Express 5 app and Skygate,
// interleaved over several rounds; prints req/s, p99 and the ratios between them.
// Usage: npm run build && node bench/http.js [rounds]
const { join } = require('node:path');
const { startTarget, load, median, hasTaskset } = require('./lib');

const targets = [
  { name: 'node:http', script: join(__dirname, 'servers/raw-http.js') },
  { name: 'express 5', script: join(__dirname, 'servers/express.js') },
  { name: 'skygate', skygate: true },
];

async function main() {
  const rounds = Number(process.argv[2] || 3);
  const results = Object.fromEntries(targets.map((t) => [t.name, []]));
  const running = [];
  for (const t of targets) running.push({ t, server: await startTarget(t) });
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const { t, server } of running) {
        const r = load(`${server.base}/health/live`);
        if (r.errors) throw new Error(`${t.name}: ${r.errors} errors`);
        results[t.name].push(r);
        process.stderr.write(`round ${round} ${t.name}: ${Math.round(r.rps)} req/s p99 ${r.p99} ms\n`);
      }
    }
  } finally {
    for (const { server } of running) await server.stop();
  }
  const summary = Object.fromEntries(
    Object.entries(results).map(([name, rs]) => [name, { rps: Math.round(median(rs.map((r) => r.rps))), p99: median(rs.map((r) => r.p99)) }]),
  );
  const raw = summary['node:http'].rps;
  const exp = summary['express 5'].rps;
  console.log(`\n${new Date().toISOString().slice(0, 10)}, ${rounds} rounds, 50 connections, median; taskset pinning: ${hasTaskset}`);
  console.log('| target | req/s | p99 ms | vs node:http | vs express |');
  console.log('|---|---|---|---|---|');
  for (const [name, s] of Object.entries(summary)) {
    console.log(`| ${name} | ${s.rps} | ${s.p99} | ${(s.rps / raw).toFixed(3)} | ${(s.rps / exp).toFixed(3)} |`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
