// Sequencer overhead. Part 1 (real time, the built app in process with a real clock, PGlite on disk,
// simulator camera): N exposures of E seconds taken back to back by a sequence (one Take Exposure,
// count N) against the same N taken by a client calling camera/capture?waitForResult=true over HTTP in
// a loop (the baseline, same run). The overhead between frames k and k+1 is measured from what the
// server itself records, not guessed: from the end of exposure k (the time stamp of its IMAGE-PREPARED
// on the app's event bus: the frame is in memory) to the start of exposure k+1 (its Date in
// image-history, the FITS DATE-OBS, taken as the camera is told to expose).
// Part 2 (accelerated time, in process, ManualClock): a night of F frames; wall time, peak RSS, and the
// peak RSS after the first tenth of the night (a pipeline that holds frames would grow between the two).
// Usage: node bench/sequencer.js [N=30] [F=1000] [E=0.1]   (npm run build first)
const { join } = require('node:path');
const { mkdtempSync, rmSync } = require('node:fs');
const { loadavg, tmpdir } = require('node:os');
const { median, percentile, root } = require('./lib');

const N = Number(process.argv[2] ?? 30);
const F = Number(process.argv[3] ?? 1000);
const E = Number(process.argv[4] ?? 0.1);
const core = () => require(join(root, 'dist/libs/core/src'));
const equipment = () => require(join(root, 'dist/libs/equipment/src'));
const sequencerLib = () => require(join(root, 'dist/libs/sequencer/src'));

/** The whole app, initialised, on a throwaway data folder. */
async function app(clock, database) {
  const { AppConfig } = core();
  const { createApp } = require(join(root, 'dist/apps/skygate/src/bootstrap'));
  const dataDir = mkdtempSync(join(tmpdir(), 'skygate-bench-seq-'));
  const config = new AppConfig({ port: 0, host: '127.0.0.1', dataDir, database: database(dataDir), logLevel: 'warn', uploadMaxBytes: 1 << 30 });
  const nest = await createApp({ config, clock });
  await nest.init();
  return { nest, close: async () => (await nest.close(), rmSync(dataDir, { recursive: true, force: true })) };
}

const area = (type, items = []) => ({ $type: `NINA.Sequencer.Container.${type}, NINA.Sequencer`, Items: { $values: items }, Conditions: { $values: [] }, Triggers: { $values: [] } });
function sequence(exposures, seconds) {
  const target = {
    ...area('DeepSkyObjectContainer', [{ $type: 'NINA.Sequencer.SequenceItem.Imaging.TakeExposure, NINA.Sequencer', ExposureTime: seconds, ExposureCount: exposures, ImageType: 'LIGHT', Gain: -1, Offset: -1, Binning: { X: 1, Y: 1 } }]),
    Target: { TargetName: 'Bench', PositionAngle: 0, InputCoordinates: { RAHours: 5, RAMinutes: 35, RASeconds: 0, DecDegrees: 40, DecMinutes: 0, DecSeconds: 0, NegativeDec: false } },
  };
  return { ...area('SequenceRootContainer', [area('StartAreaContainer'), area('TargetAreaContainer', [target]), area('EndAreaContainer')]), Name: 'Bench', Triggers: { $values: [] } };
}

/** Exposure end (IMAGE-PREPARED k, bus time) to the next exposure's start (image-history Date of k+1), in ms. */
function overheads(prepared, history) {
  const starts = history.map((h) => Date.parse(h.Date));
  if (prepared.length !== starts.length) throw new Error(`${prepared.length} IMAGE-PREPARED events for ${starts.length} frames`);
  return starts.slice(1).map((start, k) => {
    if (start < prepared[k]) throw new Error(`frame ${k + 2} started before frame ${k + 1} was in memory`);
    return start - prepared[k];
  });
}

async function realTime() {
  const { SystemClock, EventBus } = core();
  const { nest: server, close } = await app(new SystemClock(), (dataDir) => ({ kind: 'pglite', dataDir: join(dataDir, 'pglite') }));
  const { NINA_EVENT } = equipment();
  const prepared = [];
  const failed = [];
  server.get(EventBus).on(NINA_EVENT).subscribe(({ payload, at }) => {
    if (payload.Event === 'IMAGE-PREPARED') prepared.push(at.getTime());
    if (payload.Event === 'SEQUENCE-ENTITY-FAILED') failed.push(payload);
  });
  await server.listen(0, '127.0.0.1');
  const base = await server.getUrl();
  const api = async (path) => (await (await fetch(`${base}/v2/api/${path}`)).json()).Response;
  try {
    await api('equipment/camera/connect');
    for (let i = 0; i < N; i++) await api(`equipment/camera/capture?duration=${E}&imageType=LIGHT&waitForResult=true&omitImage=true`);
    const baseline = overheads(prepared.splice(0), await api('image-history?all=true'));
    const load = await fetch(`${base}/v2/api/sequence/load`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sequence(N, E)) });
    if (!(await load.json()).Success) throw new Error('sequence/load failed');
    await api('sequence/start');
    await server.get(sequencerLib().SequencerService).untilIdle();
    if (failed.length) throw new Error(`the sequence failed: ${JSON.stringify(failed)}`);
    const sequenced = overheads(prepared, (await api('image-history?all=true')).slice(N));
    return { baseline, sequenced };
  } finally {
    await close();
  }
}

async function accelerated() {
  const { ManualClock, EventBus } = core();
  const { EquipmentRegistry, CAPTURE_SAVED } = equipment();
  const { SequencerService, SEQUENCER_TIME } = sequencerLib();
  const { nest, close } = await app(new ManualClock('2026-01-15T19:00:00Z'), () => ({ kind: 'pglite', dataDir: 'memory://' }));
  let peak = process.memoryUsage().rss;
  let peakFirstTenth = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    nest.get(SEQUENCER_TIME).realExposureSeconds = 0.001;
    await nest.get(EquipmentRegistry).connect('camera');
    const sequencer = nest.get(SequencerService);
    await sequencer.load(JSON.stringify(sequence(F, 300)));
    let saved = 0;
    const subscription = nest.get(EventBus).on(CAPTURE_SAVED).subscribe(() => {
      if (++saved === Math.ceil(F / 10)) peakFirstTenth = peak;
    });
    const started = Date.now();
    await sequencer.start(false);
    await sequencer.untilIdle();
    subscription.unsubscribe();
    if (saved !== F) throw new Error(`${saved} frames saved of ${F}`);
    return { frames: F, wallSeconds: (Date.now() - started) / 1000, peakRssMiB: peak / 2 ** 20, peakFirstTenthMiB: peakFirstTenth / 2 ** 20 };
  } finally {
    clearInterval(sampler);
    await close();
  }
}

const ms = (v) => v.toFixed(0);

(async () => {
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const rt = await realTime();
  const seq = median(rt.sequenced);
  const base = median(rt.baseline);
  console.log(`\nreal time, ${N} x ${E} s on the simulator: exposure end (IMAGE-PREPARED on the bus) to next exposure start (image-history Date)\n`);
  console.log('| loop | median (ms) | p90 (ms) | gaps |');
  console.log('|---|---|---|---|');
  console.log(`| sequence | ${ms(seq)} | ${ms(percentile(rt.sequenced, 90))} | ${rt.sequenced.length} |`);
  console.log(`| API capture loop | ${ms(base)} | ${ms(percentile(rt.baseline, 90))} | ${rt.baseline.length} |`);
  console.log(`| ratio sequence / API loop | ${(seq / Math.max(1, base)).toFixed(3)} | | |`);
  const night = await accelerated();
  console.log(`\naccelerated night: ${night.frames} frames of 300 s\n`);
  console.log('| night | frames | wall (s) | ms a frame | peak RSS (MiB) | peak RSS after a tenth (MiB) |');
  console.log('|---|---|---|---|---|---|');
  console.log(`| accelerated night | ${night.frames} | ${night.wallSeconds.toFixed(1)} | ${((night.wallSeconds * 1000) / night.frames).toFixed(1)} | ${night.peakRssMiB.toFixed(0)} | ${night.peakFirstTenthMiB.toFixed(0)} |`);
  console.log(`\nload average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
