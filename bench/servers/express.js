// Baseline: a bare Express 5 app answering BENCH_BODY (JSON text; default Skygate's GET /health/live
// body) on BENCH_PATH (default /health/live), with res.json as an Express app would.
const express = require('express');
const app = express();
app.disable('x-powered-by');
const body = JSON.parse(process.env.BENCH_BODY || '{"status":"ok"}');
app.get(process.env.BENCH_PATH || '/health/live', (_req, res) => res.json(body));
app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
