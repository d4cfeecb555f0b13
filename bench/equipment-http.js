// GET /v2/api/equipment/camera/info (simulator camera, connected) against Skygate's bare Nest
// route /health/live on the same server, interleaved over several rounds; prints req/s, p99 and the ratio.
// Usage: npm run build && node bench/equipment-http.js [rounds]
const { startTarget, load, median, hasTaskset } = require('./lib');

async function main() {
  const rounds = Number(process.argv[2] || 3);
  const server = await startTarget({ skygate: true });
  const routes = { 'health/live (bare Nest route)': '/health/live', 'v2/api/equipment/camera/info': '/v2/api/equipment/camera/info' };
  const results = Object.fromEntries(Object.keys(routes).map((k) => [k, []]));
  try {
    const connect = await (await fetch(`${server.base}/v2/api/equipment/camera/connect`)).json();
    if (!connect.Success) throw new Error(`camera/connect failed: ${JSON.stringify(connect)}`);
    for (let round = 1; round <= rounds; round++) {
      for (const [name, path] of Object.entries(routes)) {
        const r = load(`${server.base}${path}`);
        if (r.errors) throw new Error(`${name}: ${r.errors} errors`);
        results[name].push(r);
        process.stderr.write(`round ${round} ${name}: ${Math.round(r.rps)} req/s p99 ${r.p99} ms\n`);
      }
    }
  } finally {
    await server.stop();
  }
  const summary = Object.fromEntries(Object.entries(results).map(([n, rs]) => [n, { rps: Math.round(median(rs.map((r) => r.rps))), p99: median(rs.map((r) => r.p99)) }]));
  const base = summary['health/live (bare Nest route)'].rps;
  console.log(`\n${new Date().toISOString().slice(0, 10)}, ${rounds} rounds, 50 connections, median; taskset pinning: ${hasTaskset}`);
  console.log('| route | req/s | p99 ms | vs /health/live |');
  console.log('|---|---|---|---|');
  for (const [name, s] of Object.entries(summary)) console.log(`| ${name} | ${s.rps} | ${s.p99} | ${(s.rps / base).toFixed(3)} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
