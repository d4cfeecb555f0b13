// Sequencer overhead. Part 1 (real time, the built server as a child process, simulator camera):
// N exposures of E seconds taken back to back by a sequence (one Take Exposure, count N) against the
// same N taken by a client calling camera/capture?waitForResult=true in a loop (the baseline). The
// overhead per frame is (start of frame k+1) - (start of frame k) - E, read from image-history.
// Part 2 (accelerated time, in process, ManualClock): a night of F frames; wall time and peak RSS.
// Usage: node bench/sequencer.js [N=30] [F=1000] [E=0.1]   (npm run build first)
const { join } = require('node:path');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { startTarget, median, root } = require('./lib');

const N = Number(process.argv[2] ?? 30);
const F = Number(process.argv[3] ?? 1000);
const E = Number(process.argv[4] ?? 0.1);

const area = (type, items = []) => ({ $type: `NINA.Sequencer.Container.${type}, NINA.Sequencer`, Items: { $values: items }, Conditions: { $values: [] }, Triggers: { $values: [] } });
function sequence(exposures, seconds) {
  const target = {
    ...area('DeepSkyObjectContainer', [{ $type: 'NINA.Sequencer.SequenceItem.Imaging.TakeExposure, NINA.Sequencer', ExposureTime: seconds, ExposureCount: exposures, ImageType: 'LIGHT', Gain: -1, Offset: -1, Binning: { X: 1, Y: 1 } }]),
    Target: { TargetName: 'Bench', PositionAngle: 0, InputCoordinates: { RAHours: 5, RAMinutes: 35, RASeconds: 0, DecDegrees: 40, DecMinutes: 0, DecSeconds: 0, NegativeDec: false } },
  };
  return { ...area('SequenceRootContainer', [area('StartAreaContainer'), area('TargetAreaContainer', [target]), area('EndAreaContainer')]), Name: 'Bench', Triggers: { $values: [] } };
}

const overheads = (history, seconds) => {
  const starts = history.map((h) => Date.parse(h.Date));
  return starts.slice(1).map((t, i) => t - starts[i] - seconds * 1000);
};

async function realTime() {
  const server = await startTarget({ skygate: true });
  const api = async (path) => (await (await fetch(`${server.base}/v2/api/${path}`)).json()).Response;
  try {
    await api('equipment/camera/connect');
    for (let i = 0; i < N; i++) await api(`equipment/camera/capture?duration=${E}&imageType=LIGHT&waitForResult=true&omitImage=true`);
    const baseline = overheads(await api('image-history?all=true'), E);
    await fetch(`${server.base}/v2/api/sequence/load`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sequence(N, E)) });
    await api('sequence/start');
    for (;;) {
      const runs = await (await fetch(`${server.base}/sequencer/runs`)).json();
      if (runs[0] && runs[0].status !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const all = await api('image-history?all=true');
    const sequenced = overheads(all.slice(N), E);
    return { baseline: median(baseline), sequencer: median(sequenced) };
  } finally {
    await server.stop();
  }
}

async function accelerated() {
  const { AppConfig, ManualClock } = require(join(root, 'dist/libs/core/src'));
  const { createApp } = require(join(root, 'dist/apps/skygate/src/bootstrap'));
  const { SequencerService, SEQUENCER_TIME } = require(join(root, 'dist/libs/sequencer/src'));
  const dataDir = mkdtempSync(join(tmpdir(), 'skygate-bench-seq-'));
  const config = new AppConfig({ port: 0, host: '127.0.0.1', dataDir, database: { kind: 'pglite', dataDir: 'memory://' }, logLevel: 'warn', uploadMaxBytes: 1 << 20 });
  const app = await createApp({ config, clock: new ManualClock('2026-01-15T19:00:00Z') });
  await app.init();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    app.get(SEQUENCER_TIME).realExposureSeconds = 0.001;
    await app.get(require(join(root, 'dist/libs/equipment/src')).EquipmentRegistry).connect('camera');
    const sequencer = app.get(SequencerService);
    await sequencer.load(JSON.stringify(sequence(F, 300)));
    const started = Date.now();
    await sequencer.start(false);
    await sequencer.untilIdle();
    return { frames: F, wallSeconds: (Date.now() - started) / 1000, peakRssMiB: peak / 2 ** 20 };
  } finally {
    clearInterval(sampler);
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

(async () => {
  const rt = await realTime();
  console.log(`real time, ${N} x ${E} s on the simulator: median overhead between exposures: sequencer ${rt.sequencer} ms, API capture loop ${rt.baseline} ms (ratio ${(rt.sequencer / Math.max(1, rt.baseline)).toFixed(2)}; goal < 100 ms)`);
  const night = await accelerated();
  console.log(`accelerated night: ${night.frames} frames of 300 s in ${night.wallSeconds.toFixed(1)} s wall (${((night.wallSeconds * 1000) / night.frames).toFixed(1)} ms a frame), peak RSS ${night.peakRssMiB.toFixed(0)} MiB`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
