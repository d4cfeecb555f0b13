/**
 * Statistics and star detection on a mono 16-bit frame, the numbers ninaAPI reports per image
 * (Mean, Median, StDev, Min, Max, MAD, Stars, HFR). The detector is the classic one: estimate the
 * background and its noise robustly (median, MAD), keep connected groups of pixels well above
 * it, reject groups that are too small (hot pixels), too large or touching the border, and
 * measure each star's half-flux radius about its centroid.
 */

// Local bindings: global lookups are slow inside the vm contexts test runners use, and these run per pixel.
const { sqrt, abs, max, min, floor, ceil, PI } = Math;

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

/**
 * One pass over the pixels fills a histogram; everything else is read from the 65536 bins, so
 * the cost is one increment per pixel. Median and MAD are exact: for an even count they are the
 * mean of the two middle values, as a sort would give.
 */
export function imageStatistics(pixels: Uint16Array): ImageStatistics {
  const histogram = new Uint32Array(65536);
  for (let i = 0; i < pixels.length; i++) histogram[pixels[i]]++;
  const n = pixels.length;
  let sum = 0;
  let sumSquares = 0;
  let lowest = -1;
  let highest = 0;
  for (let v = 0; v < 65536; v++) {
    const count = histogram[v];
    if (count === 0) continue;
    if (lowest < 0) lowest = v;
    highest = v;
    sum += count * v;
    sumSquares += count * v * v;
  }
  const mean = sum / n;
  const median = histogramMedian(histogram, n);
  // |v − median| in half units, so a median halfway between two values stays an integer index.
  const deviations = new Uint32Array(2 * 65536);
  const twiceMedian = 2 * median;
  for (let v = lowest; v <= highest; v++) if (histogram[v]) deviations[abs(2 * v - twiceMedian)] += histogram[v];
  const mad = histogramMedian(deviations, n) / 2;
  return { mean, median, stdev: sqrt(max(0, sumSquares / n - mean * mean)), min: max(0, lowest), max: highest, mad };
}

/** The median of the values a histogram counts (bin index = value). */
export function histogramMedian(histogram: Uint32Array, total: number): number {
  if (total === 0) return 0;
  const lower = valueAtRank(histogram, (total - 1) >> 1);
  return total % 2 === 1 ? lower : (lower + valueAtRank(histogram, total >> 1)) / 2;
}

/** The value at 0-based position `rank` in sorted order. */
function valueAtRank(histogram: Uint32Array, rank: number): number {
  let seen = 0;
  for (let v = 0; v < histogram.length; v++) {
    seen += histogram[v];
    if (seen > rank) return v;
  }
  return histogram.length - 1;
}

const DETECTION_SIGMA = 5;
const MIN_PIXELS = 4;
const MAX_PIXELS = 5000;

export function detectStars(width: number, height: number, pixels: Uint16Array, stats: ImageStatistics): StarDetection {
  const noise = max(1, stats.mad * 1.4826);
  // Pixels are integers: v > threshold ⇔ v > floor(threshold); the scan below is the hot loop.
  const limit = floor(stats.median + DETECTION_SIGMA * noise);
  const count = pixels.length;
  const visited = new Uint8Array(count);
  const stack: number[] = [];
  const stars: DetectedStar[] = [];
  const visit = (q: number) => {
    if (visited[q] || pixels[q] <= limit) return;
    visited[q] = 1;
    stack.push(q);
  };
  for (let start = 0; start < count; start++) {
    if (pixels[start] <= limit || visited[start]) continue;
    // Flood fill one group of 4-connected bright pixels.
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
      if (x > 0) visit(p - 1);
      if (x < width - 1) visit(p + 1);
      if (y > 0) visit(p - width);
      if (y < height - 1) visit(p + width);
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
  const radiusSquared = radius * radius;
  let flux = 0;
  let weighted = 0;
  for (let y = max(0, floor(cy - radius)); y <= min(height - 1, ceil(cy + radius)); y++) {
    for (let x = max(0, floor(cx - radius)); x <= min(width - 1, ceil(cx + radius)); x++) {
      const squared = (x - cx) ** 2 + (y - cy) ** 2;
      if (squared > radiusSquared) continue;
      const f = pixels[y * width + x] - background;
      if (f <= 0) continue;
      flux += f;
      weighted += f * sqrt(squared);
    }
  }
  if (flux <= 0) return null;
  return { x: cx, y: cy, flux, hfr: weighted / flux };
}
