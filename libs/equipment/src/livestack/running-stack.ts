import { applyRigid, type RigidTransform, type StarPoint } from './star-registration';

// Local bindings: global lookups are slow inside the vm contexts test runners use, and these run per pixel.
const { floor, round, min, max, cos, sin } = Math;

/** Frames before sigma clipping starts: the spread of fewer values says too little. */
const CLIP_AFTER = 3;
const CLIP_SIGMA = 3;

/**
 * A running sigma-clipped mean per pixel (Welford's mean and variance): each registered frame is
 * resampled onto the reference grid (bilinear), and a value more than 3σ from the pixel's mean
 * so far (satellite trails, hot pixels, cosmic rays) is left out once a few frames are in.
 */
export class RunningStack {
  readonly mean: Float32Array;
  private readonly m2: Float32Array;
  private readonly n: Uint16Array;
  private frames = 0;

  constructor(
    readonly width: number,
    readonly height: number,
    /** The reference frame's stars: the frame every later one is registered on. */
    readonly referenceStars: StarPoint[],
  ) {
    const size = width * height;
    this.mean = new Float32Array(size);
    this.m2 = new Float32Array(size);
    this.n = new Uint16Array(size);
  }

  get count(): number {
    return this.frames;
  }

  /** Adds a frame; `toReference` maps frame positions onto the reference (identity for the first). */
  add(pixels: Uint16Array, toReference: Omit<RigidTransform, 'matches' | 'rmsPx'>): void {
    const { width, height, mean, m2, n } = this;
    // The inverse transform: for each reference pixel, where it lies in this frame.
    const inverse = invert(toReference);
    const [ox, oy] = applyRigid(inverse, 0, 0);
    const c = cos(inverse.rotationRad);
    const s = sin(inverse.rotationRad);
    for (let y = 0; y < height; y++) {
      // Row start and per-column step of the source position (the transform is affine).
      let sx = ox - s * y;
      let sy = oy + c * y;
      const row = y * width;
      for (let x = 0; x < width; x++, sx += c, sy += s) {
        const x0 = floor(sx);
        const y0 = floor(sy);
        if (x0 < 0 || y0 < 0 || x0 >= width - 1 || y0 >= height - 1) continue;
        const fx = sx - x0;
        const fy = sy - y0;
        const i = y0 * width + x0;
        const value = (pixels[i] * (1 - fx) + pixels[i + 1] * fx) * (1 - fy) + (pixels[i + width] * (1 - fx) + pixels[i + width + 1] * fx) * fy;
        const p = row + x;
        const count = n[p];
        const delta = value - mean[p];
        if (count >= CLIP_AFTER && delta * delta > CLIP_SIGMA * CLIP_SIGMA * (m2[p] / (count - 1))) continue;
        const next = count + 1;
        n[p] = next;
        mean[p] += delta / next;
        m2[p] += delta * (value - mean[p]);
      }
    }
    this.frames++;
  }

  /** The stack as 16-bit pixels (for previews). */
  toUint16(): Uint16Array {
    const out = new Uint16Array(this.mean.length);
    for (let i = 0; i < out.length; i++) out[i] = min(65535, max(0, round(this.mean[i])));
    return out;
  }
}

export function invert(t: Omit<RigidTransform, 'matches' | 'rmsPx'>): Omit<RigidTransform, 'matches' | 'rmsPx'> {
  const c = Math.cos(-t.rotationRad);
  const s = Math.sin(-t.rotationRad);
  return { rotationRad: -t.rotationRad, dx: -(c * t.dx - s * t.dy), dy: -(s * t.dx + c * t.dy) };
}

export const IDENTITY: Omit<RigidTransform, 'matches' | 'rmsPx'> = { rotationRad: 0, dx: 0, dy: 0 };
