// 1,000 websocket clients on /v2/socket (loopback, so no credentials) and one simulator capture:
// every client must receive its IMAGE-SAVE. Delivery time of each client is measured from the first
// client's receipt (the fan-out the server adds per client; goal p99 < 100 ms), and the capture
// request → first IMAGE-SAVE is reported beside it. The server's RSS is read before the clients
// connect, once they are all admitted and after the broadcast. Server on CPU 0, clients (this
// process) on CPU 1. One warm-up capture precedes the measured ones. Usage: npm run build && node bench/websocket-fanout.js [clients] [events]
const { readFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { WebSocket } = require('ws');
const { startTarget, percentile, median, hasTaskset } = require('./lib');

const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const now = () => performance.timeOrigin + performance.now();

async function main() {
  const count = Number(process.argv[2] || 1000);
  const events = Number(process.argv[3] || 3);
  if (hasTaskset) spawnSync('taskset', ['-p', '-c', '1', String(process.pid)]);
  const server = await startTarget({ skygate: true });
  const clients = [];
  try {
    const get = async (path) => (await fetch(`${server.base}/v2/api/${path}`)).json();
    const connected = await get('equipment/camera/connect');
    if (!connected.Success) throw new Error(`camera/connect: ${JSON.stringify(connected)}`);
    await new Promise((r) => setTimeout(r, 1000));
    const rssBefore = rssMiB(server.pid);
    const wsBase = `${server.base.replace('http', 'ws')}/v2/socket`;
    let listener = () => {};
    for (let i = 0; i < count; i += 50) {
      // 50 at a time, so the server's accept queue is not the thing measured
      await Promise.all(
        Array.from({ length: Math.min(50, count - i) }, (_, j) => new Promise((resolve, reject) => {
          const ws = new WebSocket(wsBase);
          ws.on('open', () => resolve());
          ws.on('error', reject);
          ws.on('message', (data) => listener(i + j, data));
          clients.push(ws);
        })),
      );
    }
    // Admission is asynchronous (the authenticator); wait until a probe event would reach everyone.
    await new Promise((r) => setTimeout(r, 1500));
    const rssConnected = rssMiB(server.pid);
    const spreads = [];
    const firsts = [];
    let rssPeak = rssConnected;
    // One warm-up capture first (the capture pipeline's first run compiles and loads sharp), not counted.
    for (let e = -1; e < events; e++) {
      const received = Array.from({ length: count }, () => undefined);
      let seen = 0;
      let finished = false;
      const done = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${seen} of ${count} clients received IMAGE-SAVE`)), 30000);
        const apiFinished = new Promise((r) => (finished = r));
        listener = (index, data) => {
          const text = data.toString();
          if (text.includes('"API-CAPTURE-FINISHED"')) return finished?.();
          if (!text.includes('"IMAGE-SAVE"') || received[index] !== undefined) return;
          received[index] = now();
          if (++seen === count) {
            clearTimeout(timer);
            apiFinished.then(resolve);
          }
        };
      });
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(server.pid))), 20);
      const started = now();
      const reply = await get('equipment/camera/capture?duration=0.01&imageType=LIGHT');
      if (!reply.Success) throw new Error(`capture: ${JSON.stringify(reply)}`);
      await done;
      clearInterval(sampler);
      const first = Math.min(...received);
      const spread = received.map((t) => t - first);
      if (e >= 0) {
        spreads.push(...spread);
        firsts.push(first - started);
      }
      process.stderr.write(`event ${e < 0 ? 'warm-up' : e + 1}: capture → first IMAGE-SAVE ${(first - started).toFixed(0)} ms, all ${count} within ${Math.max(...spread).toFixed(1)} ms (p99 ${percentile(spread, 99).toFixed(1)} ms)\n`);
    }
    const rssAfter = rssMiB(server.pid);
    console.log(`\n${new Date().toISOString().slice(0, 10)}, ${count} clients on /v2/socket, ${events} IMAGE-SAVE events; taskset pinning: ${hasTaskset}`);
    console.log('| figure | value |');
    console.log('|---|---|');
    console.log(`| clients that received every IMAGE-SAVE | ${count} |`);
    console.log(`| delivery after the first client, p50 ms | ${percentile(spreads, 50).toFixed(1)} |`);
    console.log(`| delivery after the first client, p99 ms | ${percentile(spreads, 99).toFixed(1)} |`);
    console.log(`| delivery after the first client, max ms | ${Math.max(...spreads).toFixed(1)} |`);
    console.log(`| capture request → first IMAGE-SAVE, median ms | ${median(firsts).toFixed(0)} |`);
    console.log(`| server RSS before clients MiB | ${rssBefore.toFixed(1)} |`);
    console.log(`| server RSS growth, clients connected MiB | ${(rssConnected - rssBefore).toFixed(1)} |`);
    console.log(`| server RSS growth, peak during broadcasts MiB | ${(Math.max(rssPeak, rssAfter) - rssBefore).toFixed(1)} |`);
  } finally {
    for (const ws of clients) ws.terminate();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
