// The cost of authentication: GET /auth/me on one Skygate, called (a) from loopback without
// credentials (the trusted-local path: no token, no key), (b) with a JWT, (c) with X-API-KEY.
// Interleaved rounds; prints req/s, p99 and the ratios of (b) and (c) to (a). Goal: >= 0.85.
// Usage: npm run build && node bench/auth.js [rounds]
const { startTarget, load, median } = require('./lib');

async function main() {
  const rounds = Number(process.argv[2] || 3);
  const server = await startTarget({ skygate: true });
  try {
    // The first user is created over HTTP from loopback (trusted); the CLI cannot open the embedded database while the server has it.
    const post = (path, body, headers = {}) =>
      fetch(`${server.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) => r.json());
    await post('/users', { username: 'bench', password: 'bench-password', roles: ['viewer'] });
    const { access_token: token } = await post('/login', { username: 'bench', password: 'bench-password' });
    const { key } = await post('/auth/api-keys', { name: 'bench' }, { authorization: `Bearer ${token}` });
    if (!token || !key) throw new Error('could not create the bench credentials');
    const scenarios = {
      'no credentials (loopback)': {},
      'JWT (Authorization: Bearer)': { authorization: `Bearer ${token}` },
      'API key (X-API-KEY)': { 'x-api-key': key },
    };
    const results = Object.fromEntries(Object.keys(scenarios).map((k) => [k, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const [name, headers] of Object.entries(scenarios)) {
        const r = load(`${server.base}/auth/me`, { headers });
        if (r.errors) throw new Error(`${name}: ${r.errors} errors`);
        results[name].push(r);
        process.stderr.write(`round ${round} ${name}: ${Math.round(r.rps)} req/s p99 ${r.p99} ms\n`);
      }
    }
    const base = median(results['no credentials (loopback)'].map((r) => r.rps));
    console.log(`\n${new Date().toISOString().slice(0, 10)}, GET /auth/me, ${rounds} rounds, 50 connections, median`);
    console.log('| credentials | req/s | p99 ms | vs no credentials |');
    console.log('|---|---|---|---|');
    for (const [name, rs] of Object.entries(results)) {
      const rps = median(rs.map((r) => r.rps));
      console.log(`| ${name} | ${Math.round(rps)} | ${median(rs.map((r) => r.p99))} | ${(rps / base).toFixed(3)} |`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
