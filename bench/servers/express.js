// Baseline: a bare Express 5 app answering BENCH_BODY (JSON text; default Skygate's GET /health/live
// body) on BENCH_PATH (default /health/live), with res.json as an Express app would.
// BENCH_BORN_TYPED=1 builds requests and responses with the app's prototypes, as Skygate's
// PrototypedExpressAdapter does on Node 20 and 22 (Express's per-request setPrototypeOf is then a
// no-op: ~6k against ~20k req/s here on Node 20; on Node 24 it is slower than the plain app).
const http = require('node:http');
const express = require('express');
const app = express();
app.disable('x-powered-by');
const body = JSON.parse(process.env.BENCH_BODY || '{"status":"ok"}');
app.get(process.env.BENCH_PATH || '/health/live', (_req, res) => res.json(body));
const bornWith = (base, prototype) => {
  function Typed(first, second) {
    base.call(this, first, second);
  }
  Typed.prototype = prototype;
  return Typed;
};
const options = process.env.BENCH_BORN_TYPED === '1' ? { IncomingMessage: bornWith(http.IncomingMessage, app.request), ServerResponse: bornWith(http.ServerResponse, app.response) } : {};
http.createServer(options, app).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
