import type { ImageStatistics } from '../drivers/image/image-analysis';

/** sharp (and libvips with it) loads on the first image encoded, not at start-up (bench/startup.js). */
export const loadSharp = async () => (await import('sharp')).default;

/**
 * ninaAPI's image answers (BitmapHelper.cs): the stretched 8-bit preview, PNG unless a JPEG
 * quality 1..100 is asked for, optionally shrunk (never enlarged; scale clamped to 0.1..1,
 * a `size` only sets the width and the aspect ratio is kept).
 */

const { round, min, max } = Math;

export interface PreviewOptions {
  /** -1..100; 0 or absent means PNG (ninaAPI turns 0 into -1). */
  quality?: number;
  resize?: boolean;
  size?: { width: number; height: number };
  scale?: number;
  /** Midtone target of the auto-stretch (NINA's "AutoStretchFactor", default 0.2). */
  stretchFactor?: number;
  /** Shadows clipping in units of the noise (NINA's "BlackClipping", default -2.8). */
  blackClipping?: number;
  /** Skip the stretch and map linearly (skipAutoStretch). */
  linear?: boolean;
}

export interface EncodedImage {
  data: Buffer;
  /** image/jpg is ninaAPI's (non-standard) name for JPEG on some routes. */
  contentType: 'image/png' | 'image/jpeg' | 'image/jpg';
  width: number;
  height: number;
}

const mtf = (m: number, x: number): number => (x <= 0 ? 0 : x >= 1 ? 1 : ((m - 1) * x) / ((2 * m - 1) * x - m));

/** The midtones-transfer stretch NINA (after PixInsight's STF) uses, as a 16→8-bit lookup table. */
export function stretchTable(stats: ImageStatistics, factor = 0.2, blackClipping = -2.8): Uint8Array {
  const median = stats.median / 65535;
  const noise = (stats.mad * 1.4826) / 65535;
  const shadows = min(max(0, median + blackClipping * noise), 0.99);
  const x0 = max(1e-6, (median - shadows) / (1 - shadows));
  // The midtones balance that sends the background (x0) to `factor`: solve mtf(m, x0) = factor.
  const m = (x0 * (1 - factor)) / (x0 - 2 * factor * x0 + factor);
  const lut = new Uint8Array(65536);
  for (let v = 0; v < 65536; v++) {
    const x = (v / 65535 - shadows) / (1 - shadows);
    lut[v] = round(mtf(m, min(1, max(0, x))) * 255);
  }
  return lut;
}

export function linearTable(stats: Pick<ImageStatistics, 'min' | 'max'>): Uint8Array {
  const span = max(1, stats.max - stats.min);
  const lut = new Uint8Array(65536);
  for (let v = 0; v < 65536; v++) lut[v] = round((min(max(v, stats.min), stats.max) - stats.min) * (255 / span));
  return lut;
}

export function stretch(pixels: Uint16Array, lut: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = lut[pixels[i]];
  return out;
}

export function effectiveScale(width: number, options: PreviewOptions): number {
  if (!options.resize) return 1;
  const wanted = options.scale ?? (options.size ?? { width: 640 }).width / width;
  return min(1, max(0.1, wanted));
}

export async function encodePreview(gray: Buffer, width: number, height: number, options: PreviewOptions): Promise<EncodedImage> {
  const scale = effectiveScale(width, options);
  const outWidth = max(1, round(width * scale));
  const outHeight = max(1, round(height * scale));
  let image = (await loadSharp())(gray, { raw: { width, height, channels: 1 } });
  if (scale < 1) image = image.resize(outWidth, outHeight, { kernel: 'lanczos3' });
  const quality = min(100, max(-1, round(options.quality ?? -1)));
  if (quality >= 1) {
    return { data: await image.jpeg({ quality }).toBuffer(), contentType: 'image/jpeg', width: outWidth, height: outHeight };
  }
  return { data: await image.png().toBuffer(), contentType: 'image/png', width: outWidth, height: outHeight };
}
