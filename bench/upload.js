// A 1 GiB indi-allsky SyncAPI upload to Skygate over loopback, against `cat` of the same bytes to a
// file on the same disk (then `sync`, as the file store fsyncs) and bare node:http servers, in the
// same run. Prints the throughput ratio to the bare durable server (goal >= 0.9), the server's peak
// RSS growth during the upload (goal < 64 MiB) and its full collections per GiB (goal < 5). Skygate
// and the bare durable server alternate which goes first, each after `sync`, as in archive-upload.js.
// Usage: npm run build && node bench/upload.js [MiB=1024] [rounds=2]
const { spawn, spawnSync } = require('node:child_process');
const { createHmac, randomBytes } = require('node:crypto');
const { createReadStream, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync, closeSync } = require('node:fs');
const { request } = require('node:http');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { freePort, waitFor, root, hasTaskset, majorGcs, median, serverStdout, startTarget } = require('./lib');

const MIB = 1024 * 1024;
const CAMERA = '11111111-2222-4333-8444-555555555555';

function cli(dataDir, args, input) {
  const out = spawnSync(process.execPath, [join(root, 'dist/apps/skygate-cli/src/main.js'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    input,
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`skygate-cli ${args.join(' ')}: ${out.stderr}`);
  return out.stdout;
}

function rssBytes(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) * 1024;
}

function signed(apiKey, metadata) {
  const bucket = Math.floor(Date.now() / 1000 / 300);
  return `Bearer bench:${createHmac('sha3-512', apiKey).update(String(bucket)).update(metadata).digest('hex')}`;
}

/** PUTs one SyncAPI request with the file streamed from disk; resolves with status and seconds. */
function put(port, apiKey, endpoint, metadata, file, path = `/indi-allsky/sync/v1/${endpoint}`) {
  const json = JSON.stringify(metadata);
  const boundary = `bench${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="metadata"; filename="metadata.json"\r\nContent-Type: application/json\r\n\r\n${json}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${file ? 'bench.mp4' : 'bogus.ext'}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = file ? statSync(file).size : 0;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'PUT',
      path,
      headers: { Authorization: signed(apiKey, json), 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': head.length + size + tail.length },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
    });
    req.write(head);
    if (!file) return req.end(tail);
    const src = createReadStream(file, { highWaterMark: MIB });
    src.pipe(req, { end: false });
    src.on('end', () => req.end(tail));
  });
}

function catSeconds(src, dst) {
  const started = process.hrtime.bigint();
  const out = spawnSync('sh', ['-c', `cat "${src}" > "${dst}" && sync "${dst}"`]);
  if (out.status !== 0) throw new Error(`cat failed: ${out.stderr}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(dst);
  return seconds;
}

async function main() {
  const mib = Number(process.argv[2] || 1024);
  const rounds = Number(process.argv[3] || 2);
  const dataDir = mkdtempSync(join(tmpdir(), 'skygate-bench-upload-'));
  const src = join(dataDir, 'source.bin');
  const block = randomBytes(MIB);
  const fd = openSync(src, 'w');
  for (let i = 0; i < mib; i++) writeSync(fd, block);
  closeSync(fd);

  cli(dataDir, ['users', 'add', 'bench', '--role', 'uploader'], 'bench-password-123\n');
  const apiKey = cli(dataDir, ['users', 'genapikey', 'bench', '--scope', 'upload', '--signing']).trim().split('\n').pop();
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SYNC_MAX_BYTES: String(4 * 1024 * MIB) };
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const nodeArgs = [...(process.env.BENCH_SERVER_NODE_ARGS || '').split(' ').filter(Boolean), join(root, 'dist/apps/skygate/src/main.js')];
  const server = hasTaskset ? ['taskset', ['-c', '0', process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const child = spawn(server[0], server[1], { env, stdio: ['ignore', serverStdout(), 'inherit'] });
  const raw = await startTarget({ script: join(__dirname, 'servers/raw-upload.js'), readyPath: '/', env: { RAW_SINK: 'node' } });
  const rawDurable = await startTarget({ script: join(__dirname, 'servers/raw-upload.js'), readyPath: '/', env: { RAW_SINK: 'durable' } });
  try {
    await waitFor(`http://127.0.0.1:${port}/health/live`);
    const cam = await put(port, apiKey, 'camera', { uuid: CAMERA, name: 'bench', utc_offset: 0 });
    if (cam.status !== 200) throw new Error(`camera registration: ${cam.status} ${cam.body}`);
    const portOf = (target) => Number(new URL(target.base).port);
    const results = [];
    for (let round = 1; round <= rounds; round++) {
      const cat = catSeconds(src, join(dataDir, 'cat-copy.bin'));
      await new Promise((r) => setTimeout(r, 1000));
      const bare = await put(portOf(raw), apiKey, 'video', {}, src, '/raw');
      const afterSync = async () => {
        await new Promise((r) => setTimeout(r, 1000));
        spawnSync('sync');
      };
      const bareDurableRound = async () => {
        await afterSync();
        return put(portOf(rawDurable), apiKey, 'video', {}, src, '/raw');
      };
      /** One Skygate upload, with the server's peak RSS growth and full GCs during it. */
      const skygateRound = async () => {
        await afterSync();
        const base = `http://127.0.0.1:${port}`;
        const rssBefore = rssBytes(child.pid);
        let rssPeak = rssBefore;
        const gcsBefore = await majorGcs(base);
        const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssBytes(child.pid))), 20);
        const meta = { camera_uuid: CAMERA, utc_offset: 0, file_size: mib * MIB, createDate: 1795300000 + round, dayDate: '20261122', night: true };
        const reply = await put(port, apiKey, 'video', meta, src);
        clearInterval(sampler);
        return { ...reply, rssGrowthMiB: (rssPeak - rssBefore) / MIB, gcs: (await majorGcs(base)) - gcsBefore };
      };
      const skygateFirst = round % 2 === 0;
      const first = await (skygateFirst ? skygateRound() : bareDurableRound());
      const second = await (skygateFirst ? bareDurableRound() : skygateRound());
      const [up, bareDurable] = skygateFirst ? [first, second] : [second, first];
      for (const [what, reply] of [['upload', up], ['bare server', bare], ['bare server (durable sink)', bareDurable]]) if (reply.status !== 200) throw new Error(`${what}: ${reply.status} ${reply.body}`);
      const r = { catMiBs: mib / cat, bareMiBs: mib / bare.seconds, bareDurableMiBs: mib / bareDurable.seconds, uploadMiBs: mib / up.seconds, rssGrowthMiB: up.rssGrowthMiB, fullGcsPerGiB: up.gcs / (mib / 1024) };
      r.ratio = r.uploadMiBs / r.catMiBs;
      r.bareRatio = r.bareMiBs / r.catMiBs;
      r.bareDurableRatio = r.bareDurableMiBs / r.catMiBs;
      r.toBareDurable = r.uploadMiBs / r.bareDurableMiBs;
      results.push(r);
      process.stderr.write(`round ${round}: cat ${r.catMiBs.toFixed(0)} MiB/s, bare node:http ${r.bareMiBs.toFixed(0)} / durable sink ${r.bareDurableMiBs.toFixed(0)} MiB/s, upload ${r.uploadMiBs.toFixed(0)} MiB/s (ratio ${r.ratio.toFixed(2)}), RSS +${r.rssGrowthMiB.toFixed(1)} MiB, ${up.gcs} full GCs${skygateFirst ? ', Skygate first' : ''}\n`);
    }
    const med = (key) => median(results.map((r) => r[key]));
    const rss = Math.max(...results.map((r) => r.rssGrowthMiB));
    console.log(`\n${new Date().toISOString().slice(0, 10)}, ${mib} MiB, ${rounds} round(s), medians (ratios per round, then median); taskset pinning: ${hasTaskset}`);
    console.log('| | cat+sync | bare node:http, createWriteStream + fsync | bare node:http, durable sink | Skygate SyncAPI upload |');
    console.log('|---|---|---|---|---|');
    console.log(`| MiB/s | ${med('catMiBs').toFixed(0)} | ${med('bareMiBs').toFixed(0)} | ${med('bareDurableMiBs').toFixed(0)} | ${med('uploadMiBs').toFixed(0)} |`);
    console.log(`| ratio to cat (goal: upload >= 0.8) | 1.00 | ${med('bareRatio').toFixed(2)} | ${med('bareDurableRatio').toFixed(2)} | ${med('ratio').toFixed(2)} |`);
    console.log(`\nupload / bare durable sink: ${med('toBareDurable').toFixed(2)}; peak server RSS growth during the upload: ${rss.toFixed(1)} MiB (goal < 64); server full GCs per GiB: ${med('fullGcsPerGiB').toFixed(1)} (goal < 5)`);
  } finally {
    await Promise.all([raw.stop(), rawDurable.stop()]);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
