import { detectStars, imageStatistics } from '../drivers/image/image-analysis';
import { renderStarField, seededRandom } from '../drivers/image/star-field';
import { IDENTITY, RunningStack } from './running-stack';
import { applyRigid, registerStars } from './star-registration';

const SENSOR = { sensorWidth: 1280, sensorHeight: 1024, binning: 1, exposureSeconds: 1, gain: 100, offset: 10, raDeg: 83.8, decDeg: -5.4 };
const FRAMES = 20;

/** The simulated pointing jitter of frame k: a few pixels and a fraction of a degree. */
function jitter(k: number) {
  if (k === 0) return { dx: 0, dy: 0, rotationDeg: 0 };
  const r = seededRandom(1000 + k);
  return { dx: (r() - 0.5) * 10, dy: (r() - 0.5) * 10, rotationDeg: (r() - 0.5) * 0.6 };
}

/** Where a position of frame k lies on the reference (frame 0): the jitter undone. */
function truth(k: number, x: number, y: number): [number, number] {
  const { dx, dy, rotationDeg } = jitter(k);
  const a = (-rotationDeg * Math.PI) / 180;
  const cx = SENSOR.sensorWidth / 2;
  const cy = SENSOR.sensorHeight / 2;
  const u = x - cx - dx;
  const v = y - cy - dy;
  return [cx + Math.cos(a) * u - Math.sin(a) * v, cy + Math.sin(a) * u + Math.cos(a) * v];
}

function snr(pixels: Uint16Array, width: number, stars: { x: number; y: number }[]): number {
  const stats = imageStatistics(pixels);
  const noise = stats.mad * 1.4826;
  const peaks = stars.map((s) => pixels[Math.round(s.y) * width + Math.round(s.x)] - stats.median);
  return peaks.reduce((a, b) => a + b, 0) / peaks.length / noise;
}

describe('live stacking: star registration and the running stack', () => {
  it(`registers ${FRAMES} jittered frames within 1 px and raises the star SNR over a single frame`, () => {
    let stack: RunningStack | null = null;
    let single = 0;
    let referenceStars: { x: number; y: number; peak: number }[] = [];
    let worstError = 0;
    for (let k = 0; k < FRAMES; k++) {
      const field = renderStarField({ ...SENSOR, frameNumber: k + 1, shift: jitter(k) });
      const detection = detectStars(field.width, field.height, field.pixels, imageStatistics(field.pixels));
      if (!stack) {
        stack = new RunningStack(field.width, field.height, detection.stars);
        stack.add(field.pixels, IDENTITY);
        referenceStars = field.stars;
        // Faint stars: where stacking shows (bright ones are far above the noise already).
        referenceStars = [...field.stars].sort((a, b) => a.peak - b.peak).slice(0, 40);
        single = snr(field.pixels, field.width, referenceStars);
        continue;
      }
      const t = registerStars(stack.referenceStars, detection.stars);
      expect(t).not.toBeNull();
      for (const [x, y] of [
        [0, 0],
        [1279, 0],
        [0, 1023],
        [1279, 1023],
        [640, 512],
      ]) {
        const [ex, ey] = truth(k, x, y);
        const [gx, gy] = applyRigid(t!, x, y);
        worstError = Math.max(worstError, Math.hypot(ex - gx, ey - gy));
      }
      stack.add(field.pixels, t!);
    }
    expect(stack!.count).toBe(FRAMES);
    expect(worstError).toBeLessThan(1);
    const stacked = snr(stack!.toUint16(), 1280, referenceStars);
    // √20 ≈ 4.5 for pure averaging; more than 3 leaves room for interpolation and clipping.
    expect(stacked / single).toBeGreaterThan(3);
  });

  it('finds no transform for frames of different fields', () => {
    const a = renderStarField({ ...SENSOR, frameNumber: 1 });
    const b = renderStarField({ ...SENSOR, raDeg: 120, frameNumber: 2 });
    const stars = (f: typeof a) => detectStars(f.width, f.height, f.pixels, imageStatistics(f.pixels)).stars;
    expect(registerStars(stars(a), stars(b))).toBeNull();
  });

  it('clips an outlier (a satellite trail) from the running mean', () => {
    const stack = new RunningStack(4, 4, []);
    for (let k = 0; k < 6; k++) stack.add(new Uint16Array(16).fill(1000 + (k % 2) * 10), IDENTITY);
    const trail = new Uint16Array(16).fill(1005);
    trail[5] = 60000;
    stack.add(trail, IDENTITY);
    expect(stack.mean[5]).toBeLessThan(1010);
  });
});
