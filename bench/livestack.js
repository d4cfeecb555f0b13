// Live stacking throughput: frames/s added to a running stack of simulator full frames
// (1280×1024 16-bit = 2.6 MB). Frames are rendered and their stars detected beforehand (the
// capture pipeline detects stars anyway), so the numbers are registration + resampling + clipping.
// Baseline in the same run: a plain running mean of the same frames (no registration, no
// resampling). Usage: npm run build && node bench/livestack.js [frames]
const { join } = require('node:path');

const dist = join(__dirname, '../dist/libs/equipment/src');
const { renderStarField, seededRandom } = require(join(dist, 'drivers/image/star-field'));
const { detectStars, imageStatistics } = require(join(dist, 'drivers/image/image-analysis'));
const { RunningStack, IDENTITY } = require(join(dist, 'livestack/running-stack'));
const { registerStars } = require(join(dist, 'livestack/star-registration'));

const FRAMES = Number(process.argv[2] ?? 40);
const DISTINCT = 8;
const base = { sensorWidth: 1280, sensorHeight: 1024, binning: 1, exposureSeconds: 1, gain: 100, offset: 10, raDeg: 83.8, decDeg: -5.4 };

function jittered(k) {
  const r = seededRandom(1000 + k);
  const shift = k === 0 ? { dx: 0, dy: 0, rotationDeg: 0 } : { dx: (r() - 0.5) * 10, dy: (r() - 0.5) * 10, rotationDeg: (r() - 0.5) * 0.6 };
  const field = renderStarField({ ...base, frameNumber: k + 1, shift });
  return { pixels: field.pixels, stars: detectStars(field.width, field.height, field.pixels, imageStatistics(field.pixels)).stars };
}

/** The baseline: a running mean of the raw pixels, no registration or resampling. */
function plainMean(frames) {
  const mean = new Float32Array(1280 * 1024);
  const started = performance.now();
  for (let k = 0; k < FRAMES; k++) {
    const px = frames[k % DISTINCT].pixels;
    const n = k + 1;
    for (let i = 0; i < mean.length; i++) mean[i] += (px[i] - mean[i]) / n;
  }
  return FRAMES / ((performance.now() - started) / 1000);
}

function stacked(frames) {
  const stack = new RunningStack(1280, 1024, frames[0].stars);
  stack.add(frames[0].pixels, IDENTITY);
  let registerMs = 0;
  const started = performance.now();
  for (let k = 1; k <= FRAMES; k++) {
    const frame = frames[k % DISTINCT];
    const t0 = performance.now();
    const t = k % DISTINCT === 0 ? IDENTITY : registerStars(stack.referenceStars, frame.stars);
    registerMs += performance.now() - t0;
    stack.add(frame.pixels, t);
  }
  const seconds = (performance.now() - started) / 1000;
  return { framesPerSecond: FRAMES / seconds, registerMsPerFrame: registerMs / FRAMES };
}

const frames = Array.from({ length: DISTINCT }, (_, k) => jittered(k));
plainMean(frames); // warm-up
stacked(frames);
const baseline = plainMean(frames);
const full = stacked(frames);
console.log(JSON.stringify({ frames: FRAMES, frameBytes: 1280 * 1024 * 2, plainMeanFramesPerSecond: +baseline.toFixed(1), stackFramesPerSecond: +full.framesPerSecond.toFixed(1), registerMsPerFrame: +full.registerMsPerFrame.toFixed(1), ratioToPlainMean: +(full.framesPerSecond / baseline).toFixed(3) }, null, 1));
