import type { ScaleHint } from './plate-solver.port';

/** 206.265 arcsec per µm per mm: the small-angle pixel scale of a sensor behind optics. */
const ARCSEC_PER_RADIAN_OVER_1000 = 206.264806;

/** Arcseconds per (binned) pixel for a focal length in mm and a pixel size in µm. */
export function arcsecPerPixel(focalLengthMm: number, pixelSizeUm: number, binning = 1): number {
  if (!(focalLengthMm > 0) || !(pixelSizeUm > 0) || !(binning >= 1)) throw new RangeError('focal length, pixel size and binning must be positive');
  return (ARCSEC_PER_RADIAN_OVER_1000 * pixelSizeUm * binning) / focalLengthMm;
}

/** The solver's scale search window around the expected scale (default ±10 %: focal lengths are rarely exact). */
export function scaleBracket(expectedArcsecPerPixel: number, tolerance = 0.1): ScaleHint {
  return { lowArcsecPerPixel: expectedArcsecPerPixel * (1 - tolerance), highArcsecPerPixel: expectedArcsecPerPixel * (1 + tolerance) };
}

/** Scale hint straight from the optics. */
export function scaleHintFor(optics: { focalLengthMm: number; pixelSizeUm: number; binning?: number }, tolerance?: number): ScaleHint {
  return scaleBracket(arcsecPerPixel(optics.focalLengthMm, optics.pixelSizeUm, optics.binning ?? 1), tolerance);
}
