import type { CatalogueStar } from '../catalogue/sky-catalogue';
import { projectToTangent } from '../sky/tangent-plane';
import { cdMatrixFor } from '../wcs-solution';

export interface StarFieldRequest {
  /** Catalogue stars around the field (SkyCatalogue.starsAround with fieldRadiusDeg). */
  stars: readonly CatalogueStar[];
  /** Sky position of the image centre, J2000 degrees. */
  raDeg: number;
  decDeg: number;
  /** N.I.N.A.'s position angle of the frame (what a solve reports back), degrees. */
  rotationDeg: number;
  /** Arcseconds per (binned) pixel. */
  arcsecPerPixel: number;
  width: number;
  height: number;
  /** Mirror the sky (an odd number of mirrors in the optical path). */
  flipped?: boolean;
  /** Star half-flux radius in pixels (default 2), or the seeing as a FWHM in arcseconds, which wins. */
  hfrPx?: number;
  seeingArcsec?: number;
  /** Mean sky level in ADU (default 1000). */
  background?: number;
  /** Gaussian noise, ADU standard deviation (default 12). */
  noise?: number;
  /** Same seed, same noise (default 1). */
  noiseSeed?: number;
  /** Total ADU of a magnitude-10 star (default 40000); each magnitude is 2.512× less. */
  fluxAtMag10?: number;
}

export interface RenderedStarField {
  width: number;
  height: number;
  /** Row 0 is the top of the image, as N.I.N.A. and Skygate store FITS data. */
  pixels: Uint16Array;
  /** Stars that fell on the frame: 0-based column and row of their centres. */
  placed: { x: number; y: number; mag: number }[];
}

// Local bindings: global lookups are slow inside the vm contexts test runners use, and these run per pixel.
const { exp, sqrt, log, cos, sin, round, floor, ceil, PI } = Math;

const HFR_PER_SIGMA = Math.sqrt(2 * Math.LN2);
const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.LN2);
/** Stars are drawn out to this many sigma. */
const REACH_SIGMA = 4;

/** Half the diagonal of a frame, degrees: the radius to ask the catalogue for. */
export function fieldRadiusDeg(width: number, height: number, arcsecPerPixel: number): number {
  return (Math.hypot(width, height) * arcsecPerPixel) / 3600 / 2;
}

/**
 * Renders catalogue stars through a gnomonic (TAN) projection as a camera would record them:
 * Gaussian stars on a flat sky with Gaussian noise, 16-bit, clipped at 65535. The WCS is the one
 * N.I.N.A. reads as `rotationDeg` and `flipped`, reference pixel at the centre.
 */
export function renderStarField(request: StarFieldRequest): RenderedStarField {
  const { width, height } = request;
  const sigma = request.seeingArcsec !== undefined ? request.seeingArcsec / request.arcsecPerPixel / FWHM_PER_SIGMA : (request.hfrPx ?? 2) / HFR_PER_SIGMA;
  const image = new Float32Array(width * height);
  image.fill(request.background ?? 1000);

  const cd = cdMatrixFor(request.rotationDeg, request.flipped ?? false, request.arcsecPerPixel);
  const det = cd.cd11 * cd.cd22 - cd.cd12 * cd.cd21;
  const crpixX = (width + 1) / 2;
  const crpixY = (height + 1) / 2;
  const fluxAtMag10 = request.fluxAtMag10 ?? 40_000;
  const placed: RenderedStarField['placed'] = [];
  for (const star of request.stars) {
    const plane = projectToTangent(star.raDeg, star.decDeg, request.raDeg, request.decDeg);
    if (!plane) continue;
    // Pixel offset = CD⁻¹ × plane offset; FITS pixel n is 0-based column/row n − 1.
    const x = crpixX + (cd.cd22 * plane.xi - cd.cd12 * plane.eta) / det - 1;
    const y = crpixY + (-cd.cd21 * plane.xi + cd.cd11 * plane.eta) / det - 1;
    if (x < -REACH_SIGMA * sigma || y < -REACH_SIGMA * sigma || x > width + REACH_SIGMA * sigma || y > height + REACH_SIGMA * sigma) continue;
    const flux = fluxAtMag10 * Math.pow(10, -0.4 * (star.mag - 10));
    drawGaussian(image, width, height, x, y, sigma, flux / (2 * Math.PI * sigma * sigma));
    if (x >= 0 && y >= 0 && x < width && y < height) placed.push({ x, y, mag: star.mag });
  }

  const pixels = new Uint16Array(width * height);
  const normal = gaussianNoise(request.noiseSeed ?? 1);
  const noise = request.noise ?? 12;
  for (let i = 0; i < pixels.length; i++) {
    const value = round(image[i] + noise * normal());
    pixels[i] = value < 0 ? 0 : value > 65535 ? 65535 : value;
  }
  return { width, height, pixels, placed };
}

function drawGaussian(image: Float32Array, width: number, height: number, cx: number, cy: number, sigma: number, peak: number): void {
  const reach = ceil(REACH_SIGMA * sigma);
  const twoSigma2 = 2 * sigma * sigma;
  const x0 = Math.max(0, floor(cx) - reach);
  const x1 = Math.min(width - 1, ceil(cx) + reach);
  const y0 = Math.max(0, floor(cy) - reach);
  const y1 = Math.min(height - 1, ceil(cy) + reach);
  for (let y = y0; y <= y1; y++) {
    const dy2 = (y - cy) * (y - cy);
    for (let x = x0; x <= x1; x++) image[y * width + x] += peak * exp(-((x - cx) * (x - cx) + dy2) / twoSigma2);
  }
}

/** Standard normal deviates from a seeded xorshift32 generator (Box-Muller, both values used). */
function gaussianNoise(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  const uniform = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (state + 0.5) / 4294967296;
  };
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = sqrt(-2 * log(uniform()));
    const angle = 2 * PI * uniform();
    spare = radius * sin(angle);
    return radius * cos(angle);
  };
}
