/**
 * Statistics and star detection on a mono 16-bit frame, the numbers ninaAPI reports per image
 * (Mean, Median, StDev, Min, Max, MAD, Stars, HFR). The detector is the classic one: estimate the
 * background and its noise robustly (median, MAD), keep connected groups of pixels well above
 * it, reject groups that are too small (hot pixels), too large or touching the border, and
 * measure each star's half-flux radius about its centroid.
 */

// Local bindings: global lookups are slow inside the vm contexts test runners use, and these run per pixel.
const { sqrt, hypot, abs, max, min, floor, ceil, PI } = Math;

export interface ImageStatistics {
  mean: number;
  median: number;
  stdev: number;
  min: number;
  max: number;
  mad: number;
}

export interface DetectedStar {
  x: number;
  y: number;
  flux: number;
  hfr: number;
}

export interface StarDetection {
  stars: DetectedStar[];
  hfr: number;
  hfrStdev: number;
}

export function imageStatistics(pixels: Uint16Array): ImageStatistics {
  const histogram = new Uint32Array(65536);
  let sum = 0;
  let sumSquares = 0;
  let lowest = 65535;
  let highest = 0;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i];
    histogram[v]++;
    sum += v;
    sumSquares += v * v;
    if (v < lowest) lowest = v;
    if (v > highest) highest = v;
  }
  const n = pixels.length;
  const mean = sum / n;
  const median = histogramPercentile(histogram, n, 0.5);
  const deviations = new Uint32Array(65536);
  for (let v = 0; v < 65536; v++) if (histogram[v]) deviations[abs(v - median)] += histogram[v];
  const mad = histogramPercentile(deviations, n, 0.5);
  return { mean, median, stdev: sqrt(max(0, sumSquares / n - mean * mean)), min: lowest, max: highest, mad };
}

function histogramPercentile(histogram: Uint32Array, total: number, fraction: number): number {
  const target = total * fraction;
  let seen = 0;
  for (let v = 0; v < histogram.length; v++) {
    seen += histogram[v];
    if (seen >= target) return v;
  }
  return histogram.length - 1;
}

const DETECTION_SIGMA = 5;
const MIN_PIXELS = 4;
const MAX_PIXELS = 5000;

export function detectStars(width: number, height: number, pixels: Uint16Array, stats: ImageStatistics): StarDetection {
  const noise = max(1, stats.mad * 1.4826);
  const threshold = stats.median + DETECTION_SIGMA * noise;
  const visited = new Uint8Array(width * height);
  const stack: number[] = [];
  const stars: DetectedStar[] = [];
  for (let start = 0; start < pixels.length; start++) {
    if (visited[start] || pixels[start] <= threshold) continue;
    // Flood fill one group of connected bright pixels.
    const members: number[] = [];
    let touchesBorder = false;
    visited[start] = 1;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      members.push(p);
      const x = p % width;
      const y = (p - x) / width;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) touchesBorder = true;
      for (const q of [p - 1, p + 1, p - width, p + width]) {
        if (q < 0 || q >= pixels.length || visited[q]) continue;
        if ((q === p - 1 && x === 0) || (q === p + 1 && x === width - 1)) continue;
        if (pixels[q] > threshold) {
          visited[q] = 1;
          stack.push(q);
        }
      }
    }
    if (touchesBorder || members.length < MIN_PIXELS || members.length > MAX_PIXELS) continue;
    const star = measureStar(width, height, pixels, members, stats.median);
    if (star) stars.push(star);
  }
  const hfrs = stars.map((s) => s.hfr);
  const hfr = hfrs.length ? hfrs.reduce((a, b) => a + b, 0) / hfrs.length : 0;
  const hfrStdev = hfrs.length ? sqrt(hfrs.reduce((a, b) => a + (b - hfr) ** 2, 0) / hfrs.length) : 0;
  return { stars, hfr, hfrStdev };
}

/** Centroid from the detected pixels, then HFR = Σ(flux·r)/Σflux over a box around it. */
function measureStar(width: number, height: number, pixels: Uint16Array, members: number[], background: number): DetectedStar | null {
  let fx = 0;
  let fy = 0;
  let total = 0;
  for (const p of members) {
    const f = pixels[p] - background;
    fx += (p % width) * f;
    fy += floor(p / width) * f;
    total += f;
  }
  if (total <= 0) return null;
  const cx = fx / total;
  const cy = fy / total;
  const radius = max(3, ceil(sqrt(members.length / PI) * 2.5));
  let flux = 0;
  let weighted = 0;
  for (let y = max(0, floor(cy - radius)); y <= min(height - 1, ceil(cy + radius)); y++) {
    for (let x = max(0, floor(cx - radius)); x <= min(width - 1, ceil(cx + radius)); x++) {
      const r = hypot(x - cx, y - cy);
      if (r > radius) continue;
      const f = max(0, pixels[y * width + x] - background);
      flux += f;
      weighted += f * r;
    }
  }
  if (flux <= 0) return null;
  return { x: cx, y: cy, flux, hfr: weighted / flux };
}
