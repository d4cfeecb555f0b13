// 1,000 websocket clients on /v2/socket (loopback, so no credentials) and one simulator capture:
// every client must receive its IMAGE-SAVE. Delivery time of each client is measured from the first
// client's receipt (the fan-out the server adds per client; goal p99 < 100 ms), and the capture
// request → first IMAGE-SAVE is reported beside it. The server's RSS is read before the clients
// connect, once they are all admitted and after the broadcast. Server on CPU 0, clients (this
// process) on CPU 1. One warm-up capture precedes the measured ones. The same clients then get the
// same messages from a bare node:http + ws server (bench/servers/ws-broadcast.js): its p99 is what
// the clients (1,000 in this one process) and the kernel cost, the floor under Skygate's.
// Usage: npm run build && node bench/websocket-fanout.js [clients] [events]
const { readFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { WebSocket } = require('ws');
const { startTarget, percentile, median, hasTaskset } = require('./lib');

const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const now = () => performance.timeOrigin + performance.now();

/**
 * Connects `count` clients to `target`'s /v2/socket, triggers `events` captures (after one warm-up)
 * and returns each client's IMAGE-SAVE delivery time after the first client's, the capture → first
 * IMAGE-SAVE times, the server's RSS figures and the messages client 0 received in the warm-up.
 */
async function measure(target, count, events) {
  const clients = [];
  try {
    const get = async (path) => (await fetch(`${target.base}/v2/api/${path}`)).json();
    const connected = await get('equipment/camera/connect');
    if (!connected.Success) throw new Error(`camera/connect: ${JSON.stringify(connected)}`);
    await new Promise((r) => setTimeout(r, 1000));
    const rssBefore = rssMiB(target.pid);
    const wsBase = `${target.base.replace('http', 'ws')}/v2/socket`;
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
    const rssConnected = rssMiB(target.pid);
    const spreads = [];
    const firsts = [];
    const recorded = [];
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
          if (e < 0 && index === 0) recorded.push(text);
          if (text.includes('"API-CAPTURE-FINISHED"')) return finished?.();
          if (!text.includes('"IMAGE-SAVE"') || received[index] !== undefined) return;
          received[index] = now();
          if (++seen === count) {
            clearTimeout(timer);
            // Skygate says API-CAPTURE-FINISHED too; the baseline replays only what client 0 saw.
            (target.replay ? Promise.resolve() : apiFinished).then(resolve);
          }
        };
      });
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(target.pid))), 20);
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
      process.stderr.write(`${target.name} event ${e < 0 ? 'warm-up' : e + 1}: capture → first IMAGE-SAVE ${(first - started).toFixed(0)} ms, all ${count} within ${Math.max(...spread).toFixed(1)} ms (p99 ${percentile(spread, 99).toFixed(1)} ms)\n`);
    }
    const rssAfter = rssMiB(target.pid);
    return { spreads, firsts, rssBefore, rssConnected, rssPeak: Math.max(rssPeak, rssAfter), recorded };
  } finally {
    for (const ws of clients) ws.terminate();
  }
}

async function main() {
  const count = Number(process.argv[2] || 1000);
  const events = Number(process.argv[3] || 3);
  if (hasTaskset) spawnSync('taskset', ['-p', '-c', '1', String(process.pid)]);
  const server = await startTarget({ skygate: true });
  let skygate;
  try {
    skygate = await measure({ ...server, name: 'skygate' }, count, events);
  } finally {
    await server.stop();
  }
  // The same clients, the same bytes, from a bare ws server: what the broadcast costs without Skygate.
  const messages = skygate.recorded;
  const bare = await startTarget({ script: join(__dirname, 'servers/ws-broadcast.js'), env: { BENCH_MESSAGES: JSON.stringify(messages) } });
  let baseline;
  try {
    baseline = await measure({ ...bare, name: 'bare ws', replay: true }, count, events);
  } finally {
    await bare.stop();
  }
  const p99 = (r) => percentile(r.spreads, 99);
  console.log(`\n${new Date().toISOString().slice(0, 10)}, ${count} clients on /v2/socket, ${events} IMAGE-SAVE events (${messages.length} messages a capture); taskset pinning: ${hasTaskset}`);
  console.log('| figure | skygate | bare node:http + ws, same messages |');
  console.log('|---|---|---|');
  console.log(`| clients that received every IMAGE-SAVE | ${count} | ${count} |`);
  for (const q of [50, 99]) console.log(`| delivery after the first client, p${q} ms | ${percentile(skygate.spreads, q).toFixed(1)} | ${percentile(baseline.spreads, q).toFixed(1)} |`);
  console.log(`| delivery after the first client, max ms | ${Math.max(...skygate.spreads).toFixed(1)} | ${Math.max(...baseline.spreads).toFixed(1)} |`);
  console.log(`| capture request → first IMAGE-SAVE, median ms | ${median(skygate.firsts).toFixed(0)} | ${median(baseline.firsts).toFixed(0)} |`);
  console.log(`| server RSS before clients MiB | ${skygate.rssBefore.toFixed(1)} | ${baseline.rssBefore.toFixed(1)} |`);
  console.log(`| server RSS growth, clients connected MiB | ${(skygate.rssConnected - skygate.rssBefore).toFixed(1)} | ${(baseline.rssConnected - baseline.rssBefore).toFixed(1)} |`);
  console.log(`| server RSS growth, peak during broadcasts MiB | ${(skygate.rssPeak - skygate.rssBefore).toFixed(1)} | ${(baseline.rssPeak - baseline.rssBefore).toFixed(1)} |`);
  console.log(`\np99 ratio skygate / bare: ${(p99(skygate) / p99(baseline)).toFixed(2)} (the bare server's p99 is what the clients and the kernel cost)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
