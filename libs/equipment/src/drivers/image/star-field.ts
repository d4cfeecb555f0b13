/**
 * Renders a synthetic sky as a real camera would record it: bias + sky background + Gaussian
 * stars + shot and read noise, in 16-bit ADU. Deterministic: the star positions depend only on
 * where the mount points, the noise only on the frame number, so tests can rely on the results.
 */

export interface StarFieldOptions {
  /** Unbinned sensor size. */
  sensorWidth: number;
  sensorHeight: number;
  binning: number;
  exposureSeconds: number;
  gain: number;
  offset: number;
  raDeg?: number;
  decDeg?: number;
  /** Extra blur in unbinned pixels (defocus). */
  extraBlur?: number;
  /** Dark/bias frames: no sky, no stars. */
  shutterClosed?: boolean;
  frameNumber: number;
  starCount?: number;
  /** FLAT frames: an even illumination in ADU per second (gain 1x, bin 1) instead of sky and stars. */
  flatIllumination?: number;
  /** Pointing jitter: the whole field shifted by dx, dy unbinned pixels and turned by rotationDeg about the centre. */
  shift?: { dx: number; dy: number; rotationDeg?: number };
}

export interface RenderedField {
  width: number;
  height: number;
  pixels: Uint16Array;
  /** The stars placed (binned pixel coordinates), for tests of the detector. */
  stars: { x: number; y: number; peak: number; sigma: number }[];
}

// Local bindings: global lookups are slow inside the vm contexts test runners use, and these run per pixel.
const { sqrt, log, cos, exp, round, floor, ceil, max, min, imul, PI } = Math;

/** mulberry32: tiny, fast, good enough for noise and placement. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = max(random(), 1e-12);
  return sqrt(-2 * log(u)) * cos(2 * PI * random());
}

const BIAS_ADU = 300;
const READ_NOISE_ADU = 4;
const SKY_ADU_PER_SECOND = 30;
export const BASE_SIGMA_PX = 1.3;

export function renderStarField(o: StarFieldOptions): RenderedField {
  const bin = o.binning;
  const width = floor(o.sensorWidth / bin);
  const height = floor(o.sensorHeight / bin);
  // Gain scales electrons to ADU: NINA-style gain 0..300 → 1x..4x.
  const gainFactor = 1 + o.gain / 100;
  const pedestal = BIAS_ADU + o.offset * 10;
  const signal = new Float64Array(width * height);
  const skyRate = o.flatIllumination ?? SKY_ADU_PER_SECOND;
  const skyPerPixel = o.shutterClosed ? 0 : skyRate * o.exposureSeconds * gainFactor * bin * bin;
  signal.fill(skyPerPixel);

  const stars: RenderedField['stars'] = [];
  if (!o.shutterClosed && o.flatIllumination === undefined) {
    const place = fieldTransform(width, height, bin, o.shift);
    const placement = seededRandom(round(((o.raDeg ?? 0) * 10 + 7919) * 3600 + (o.decDeg ?? 0) * 10));
    const count = o.starCount ?? 120;
    const sigma = (BASE_SIGMA_PX + (o.extraBlur ?? 0)) / bin;
    for (let i = 0; i < count; i++) {
      const [x, y] = place(8 + placement() * (width - 16), 8 + placement() * (height - 16));
      // Brightness follows a steep power law like real star counts: few bright, many faint.
      const flux = 4000 * Math.pow(placement(), 3) + 300;
      const peak = flux * o.exposureSeconds * gainFactor * bin * bin;
      stars.push({ x, y, peak, sigma });
      const radius = ceil(sigma * 4);
      for (let yy = max(0, floor(y - radius)); yy <= min(height - 1, ceil(y + radius)); yy++) {
        for (let xx = max(0, floor(x - radius)); xx <= min(width - 1, ceil(x + radius)); xx++) {
          const d2 = (xx - x) ** 2 + (yy - y) ** 2;
          signal[yy * width + xx] += peak * exp(-d2 / (2 * sigma * sigma));
        }
      }
    }
  }

  const noise = seededRandom(0x5eed + o.frameNumber * 7919);
  const pixels = new Uint16Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    const s = signal[i];
    const value = pedestal + s + sqrt(s + READ_NOISE_ADU * READ_NOISE_ADU) * gaussian(noise);
    pixels[i] = value <= 0 ? 0 : value >= 65535 ? 65535 : round(value);
  }
  return { width, height, pixels, stars };
}

/** Where a star of the unshifted field lands after the pointing jitter (binned pixels). */
function fieldTransform(width: number, height: number, bin: number, shift: StarFieldOptions['shift']): (x: number, y: number) => [number, number] {
  if (!shift) return (x, y) => [x, y];
  const angle = ((shift.rotationDeg ?? 0) * PI) / 180;
  const c = cos(angle);
  const s = Math.sin(angle);
  const cx = width / 2;
  const cy = height / 2;
  return (x, y) => [cx + c * (x - cx) - s * (y - cy) + shift.dx / bin, cy + s * (x - cx) + c * (y - cy) + shift.dy / bin];
}
