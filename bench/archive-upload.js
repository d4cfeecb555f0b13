// Streams one large FITS file (default 500 MB, sparse on disk) to POST /datafiles/ of the built
// server and reports the server's peak RSS growth during the upload (goal: < 64 MiB), sampling
// /proc/<pid>/status every 20 ms, with the baseline RSS measured just before in the same run.
// Rounds alternate which server goes first (ABBA) and start after `sync`, so neither inherits the
// other's write-back; the ratio is the median of the rounds' ratios (one round swung 0.70-1.02).
// Usage: npm run build && node bench/archive-upload.js [megabytes] [rounds]
const { spawnSync } = require('node:child_process');
const { createReadStream, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, statSync } = require('node:fs');
const http = require('node:http');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { majorGcs, startTarget, median } = require('./lib');

const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

function fitsHeader() {
  const cards = ['SIMPLE  =                    T', 'BITPIX  =                    8', 'NAXIS   =                    1', 'NAXIS1  =            500000000', "OBJECT  = 'M 42'", "DATE-OBS= '2026-01-15T22:00:00'", 'END'];
  return Buffer.from(cards.map((c) => c.padEnd(80)).join('').padEnd(2880), 'latin1');
}

async function json(base, method, path, body) {
  const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

function upload(base, dataset, path, url = `${base}/datafiles/`, filename = 'big.fits') {
  const boundary = '----skygatebench';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="dataset"\r\n\r\n${dataset}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + statSync(path).size + tail.length;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': length } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => (res.statusCode === 201 || (res.statusCode === 200 && url.endsWith('/raw')) ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.write(head);
    // 1 MiB reads, as bench/upload.js: with the default 64 KiB the client, not either server, set the pace
    // (both ~250-400 MB/s where the bare server takes 570-830 MiB/s from upload.js's client).
    const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
    file.pipe(req, { end: false });
    file.on('end', () => req.end(tail));
  });
}

async function main() {
  const megabytes = Number(process.argv[2] || 500);
  const roundCount = Number(process.argv[3] || 1);
  const dir = mkdtempSync(join(tmpdir(), 'skygate-upload-bench-'));
  const path = join(dir, 'big.fits');
  writeFileSync(path, fitsHeader());
  truncateSync(path, megabytes * 1e6);
  const server = await startTarget({ skygate: true, env: { UPLOAD_MAX_BYTES: String(2 * megabytes * 1e6) } });
  // The honest upper bound: a bare node:http server writing the same request body with the durable sink.
  const bare = await startTarget({ script: join(__dirname, 'servers/raw-upload.js'), readyPath: '/', env: { RAW_SINK: 'durable' } });
  try {
    const telescope = await json(server.base, 'POST', '/telescopes/', { name: 'Bench' });
    const dataset = await json(server.base, 'POST', '/datasets/', { name: 'bench', telescope: telescope.uuid });
    const timed = async (run) => {
      spawnSync('sync');
      const started = Date.now();
      const result = await run();
      return { seconds: (Date.now() - started) / 1000, result };
    };
    const bareRound = () => timed(() => upload(bare.base, dataset.uuid, path, `${bare.base}/raw`));
    const skygateRound = async () => {
      await new Promise((r) => setTimeout(r, 1000));
      const baseline = rssKiB(server.pid);
      let peak = baseline;
      const timer = setInterval(() => (peak = Math.max(peak, rssKiB(server.pid))), 20);
      try {
        const gcsBefore = await majorGcs(server.base);
        const run = await timed(() => upload(server.base, dataset.uuid, path, undefined, `big-${rounds.length + 1}.fits`));
        return { ...run, baseline, peak, majorGcs: (await majorGcs(server.base)) - gcsBefore };
      } finally {
        clearInterval(timer);
      }
    };
    const rounds = [];
    for (let i = 0; i < roundCount; i++) {
      const skygateFirst = i % 2 === 1;
      const first = skygateFirst ? await skygateRound() : await bareRound();
      const second = skygateFirst ? await bareRound() : await skygateRound();
      const [sky, raw] = skygateFirst ? [first, second] : [second, first];
      rounds.push({ sky, raw, ratio: raw.seconds / sky.seconds });
      process.stderr.write(`round ${i + 1} (${skygateFirst ? 'Skygate' : 'bare'} first): Skygate ${(megabytes / sky.seconds).toFixed(1)} MB/s, bare durable ${(megabytes / raw.seconds).toFixed(1)} MB/s, ratio ${(raw.seconds / sky.seconds).toFixed(2)}, ${sky.majorGcs} full GCs, RSS +${((sky.peak - sky.baseline) / 1024).toFixed(1)} MiB\n`);
    }
    const seconds = median(rounds.map((r) => r.sky.seconds));
    const bareSeconds = median(rounds.map((r) => r.raw.seconds));
    const worst = rounds.reduce((w, r) => (r.sky.peak - r.sky.baseline > w.sky.peak - w.sky.baseline ? r : w));
    const { baseline, peak } = worst.sky;
    const file = rounds.at(-1).sky.result;
    console.log(
      JSON.stringify(
        {
          megabytes,
          seconds: +seconds.toFixed(1),
          mb_per_s: +(megabytes / seconds).toFixed(1),
          bare_durable_mb_per_s: +(megabytes / bareSeconds).toFixed(1),
          rounds: roundCount,
          vs_bare_durable: +median(rounds.map((r) => r.ratio)).toFixed(2),
          vs_bare_durable_rounds: rounds.map((r) => +r.ratio.toFixed(2)),
          // Each 64 KiB body chunk is external memory; a heap sized for it frees them young.
          full_gcs_per_gib: +median(rounds.map((r) => (r.sky.majorGcs * 1073741824) / (megabytes * 1e6))).toFixed(1),
          load_average: require('node:os').loadavg().map((l) => +l.toFixed(1)),
          baseline_rss_mib: +(baseline / 1024).toFixed(1),
          peak_rss_mib: +(peak / 1024).toFixed(1),
          peak_growth_mib: +((peak - baseline) / 1024).toFixed(1),
          goal_mib: 64,
          stored: { size: file.size, header_status: file.header_status, observation: file.observation !== null },
        },
        null,
        2,
      ),
    );
  } finally {
    await bare.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
