// Baseline for bench/websocket-fanout.js: a bare node:http + ws server on /v2/socket that, on
// GET /v2/api/equipment/camera/capture, sends every client the messages Skygate sent one client for
// one capture (BENCH_MESSAGES, a JSON array of strings, in order), each encoded once, as text. It
// measures what the clients and the kernel cost for a broadcast, without Skygate.
const { createServer } = require('node:http');
const { WebSocketServer } = require('ws');

const messages = JSON.parse(process.env.BENCH_MESSAGES || '["{}"]').map((m) => Buffer.from(m));
const ok = (res, body) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const server = createServer((req, res) => {
  if (req.url === '/health/live') return ok(res, { status: 'ok' });
  if (req.url.startsWith('/v2/api/equipment/camera/connect')) return ok(res, { Response: 'Connected', Error: '', StatusCode: 200, Success: true, Type: 'API' });
  if (req.url.startsWith('/v2/api/equipment/camera/capture')) {
    ok(res, { Response: 'Capture started', Error: '', StatusCode: 200, Success: true, Type: 'API' });
    // After the reply, as an exposure of 0.01 s would end.
    setTimeout(() => {
      for (const message of messages) for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message, { binary: false });
    }, 10);
    return;
  }
  res.writeHead(404).end();
});
const sockets = new WebSocketServer({ server, path: '/v2/socket' });
server.listen(Number(process.env.PORT), '127.0.0.1');
