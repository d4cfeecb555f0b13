// Capture → IMAGE-PREPARED on a /v2/socket client for the simulator frame (1280×1024, 16 bit),
// the moment a browser client can load /v2/api/prepared-image, against capture → API-CAPTURE-FINISHED
// (saved, measured, in the history) of the same captures, and the prepared-image download after it.
// Goal: IMAGE-PREPARED median < 300 ms. Usage: npm run build && node bench/nina-prepared.js [captures]
const WebSocket = require('ws');
const { startTarget, median } = require('./lib');

const EXPOSURE_S = 0.01;

async function main() {
  const captures = Number(process.argv[2] || 30);
  const server = await startTarget({ skygate: true });
  const rows = { prepared: [], finished: [], download: [] };
  try {
    const connect = await (await fetch(`${server.base}/v2/api/equipment/camera/connect`)).json();
    if (!connect.Success) throw new Error(`camera/connect failed: ${JSON.stringify(connect)}`);
    const ws = new WebSocket(`${server.base.replace('http', 'ws')}/v2/socket`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    await new Promise((r) => setTimeout(r, 200)); // the gateway admits the client asynchronously
    const waiters = {};
    ws.on('message', (data) => waiters[JSON.parse(String(data)).Response.Event]?.(performance.now()));
    const next = (event) => new Promise((resolve) => (waiters[event] = resolve));
    for (let i = 0; i <= captures; i++) {
      const prepared = next('IMAGE-PREPARED');
      const finished = next('API-CAPTURE-FINISHED');
      const start = performance.now();
      const reply = await (await fetch(`${server.base}/v2/api/equipment/camera/capture?duration=${EXPOSURE_S}&imageType=LIGHT`)).json();
      if (reply.Response !== 'Capture started') throw new Error(`capture: ${JSON.stringify(reply)}`);
      const preparedAt = await prepared;
      const image = await fetch(`${server.base}/v2/api/prepared-image?quality=80`);
      await image.arrayBuffer();
      const downloadedAt = performance.now();
      const finishedAt = await finished;
      if (i === 0) continue; // warm-up
      rows.prepared.push(preparedAt - start);
      rows.finished.push(finishedAt - start);
      rows.download.push(downloadedAt - preparedAt);
    }
    ws.close();
  } finally {
    await server.stop();
  }
  const m = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, median(v)]));
  const p90 = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length * 0.9)];
  console.log(`\n${new Date().toISOString().slice(0, 10)}, ${captures} captures of ${EXPOSURE_S} s (after 1 warm-up), simulator 1280×1024`);
  console.log('| interval | median ms | p90 ms | vs capture → API-CAPTURE-FINISHED |');
  console.log('|---|---|---|---|');
  console.log(`| capture → IMAGE-PREPARED | ${m.prepared.toFixed(0)} | ${p90(rows.prepared).toFixed(0)} | ${(m.prepared / m.finished).toFixed(3)} |`);
  console.log(`| capture → API-CAPTURE-FINISHED | ${m.finished.toFixed(0)} | ${p90(rows.finished).toFixed(0)} | 1.000 |`);
  console.log(`| IMAGE-PREPARED → prepared-image (JPEG 80) downloaded | ${m.download.toFixed(0)} | ${p90(rows.download).toFixed(0)} | |`);
  console.log(`goal capture → IMAGE-PREPARED median < 300 ms: ${m.prepared < 300 ? 'met' : 'NOT met'}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
