// Baseline: bare node:http answering the same JSON as Skygate's GET /health/live.
const http = require('node:http');
const body = JSON.stringify({ status: 'ok' });
http
  .createServer((req, res) => {
    if (req.url === '/health/live') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } else {
      res.writeHead(404).end();
    }
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
