import type { FitsValue } from '@app/core';
import type { PlateSolution, WcsCard } from './plate-solver.port';
import { deprojectFromTangent, normalizeDegrees } from './sky/tangent-plane';

/** The linear part of a TAN WCS: sky offset (degrees, east and north) = CD × (pixel − CRPIX), FITS pixels (1-based). */
export interface CdMatrix {
  cd11: number;
  cd12: number;
  cd21: number;
  cd22: number;
}

/** Cards of a WCS header worth copying into an image: axes, reference point, CD matrix and SIP distortion. */
const WCS_KEY = /^(WCSAXES|CTYPE[12]|CUNIT[12]|CRVAL[12]|CRPIX[12]|CD[12]_[12]|EQUINOX|RADESYS|LONPOLE|LATPOLE|(A|B|AP|BP)_(ORDER|\d+_\d+|DMAX))$/;

/** astrometry.net's orientation (tan_get_orientation, sip.c): degrees, from the CD matrix and its parity. */
export function astrometryOrientation(cd: CdMatrix): number {
  const parity = determinant(cd) >= 0 ? 1 : -1;
  const t = parity * cd.cd11 + cd.cd22;
  const a = parity * cd.cd21 - cd.cd12;
  return -Math.atan2(a, t) * (180 / Math.PI);
}

/**
 * N.I.N.A.'s reading of astrometry.net (NINA.PlateSolving LocalPlateSolver): the image is stored with
 * row 0 at the top, so the position angle is astrometry.net's orientation − 180° and Flipped is the
 * opposite of a mirrored FITS parity (a negative CD determinant).
 */
export function ninaOrientation(cd: CdMatrix): { positionAngleDeg: number; flipped: boolean } {
  return { positionAngleDeg: normalizeDegrees(astrometryOrientation(cd) - 180), flipped: determinant(cd) < 0 };
}

/** The CD matrix that N.I.N.A. reads as this position angle and flip (the inverse of ninaOrientation). */
export function cdMatrixFor(positionAngleDeg: number, flipped: boolean, arcsecPerPixel: number): CdMatrix {
  const s = arcsecPerPixel / 3600;
  const c = Math.cos((positionAngleDeg * Math.PI) / 180);
  const n = Math.sin((positionAngleDeg * Math.PI) / 180);
  return flipped ? { cd11: s * c, cd12: -s * n, cd21: -s * n, cd22: -s * c } : { cd11: -s * c, cd12: -s * n, cd21: s * n, cd22: -s * c };
}

export function determinant(cd: CdMatrix): number {
  return cd.cd11 * cd.cd22 - cd.cd12 * cd.cd21;
}

function numberOf(keywords: Record<string, FitsValue>, key: string): number {
  const value = keywords[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`the WCS has no numeric ${key}`);
  return value;
}

/**
 * Reads a TAN(-SIP) solution from WCS header keywords (astrometry.net's .wcs file) and describes the
 * image centre. SIP terms vanish at CRPIX; with `--crpix-center` CRPIX is the centre, so the centre
 * and orientation are exact there.
 */
export function solutionFromWcs(keywords: Record<string, FitsValue>, imageSize?: { width: number; height: number }): PlateSolution {
  const width = imageSize?.width ?? numberOf(keywords, 'IMAGEW');
  const height = imageSize?.height ?? numberOf(keywords, 'IMAGEH');
  const cd: CdMatrix = { cd11: numberOf(keywords, 'CD1_1'), cd12: numberOf(keywords, 'CD1_2'), cd21: numberOf(keywords, 'CD2_1'), cd22: numberOf(keywords, 'CD2_2') };
  const dx = (width + 1) / 2 - numberOf(keywords, 'CRPIX1');
  const dy = (height + 1) / 2 - numberOf(keywords, 'CRPIX2');
  const centre = deprojectFromTangent(cd.cd11 * dx + cd.cd12 * dy, cd.cd21 * dx + cd.cd22 * dy, numberOf(keywords, 'CRVAL1'), numberOf(keywords, 'CRVAL2'));
  const arcsecPerPixel = 3600 * Math.sqrt(Math.abs(determinant(cd)));
  const { positionAngleDeg, flipped } = ninaOrientation(cd);
  const widthDeg = (width * arcsecPerPixel) / 3600;
  const heightDeg = (height * arcsecPerPixel) / 3600;
  return {
    raDeg: centre.raDeg,
    decDeg: centre.decDeg,
    positionAngleDeg,
    orientationDeg: normalizeDegrees(360 - positionAngleDeg),
    flipped,
    arcsecPerPixel,
    widthDeg,
    heightDeg,
    radiusDeg: Math.hypot(widthDeg, heightDeg) / 2,
    imageWidth: width,
    imageHeight: height,
    wcsCards: wcsCards(keywords),
  };
}

function wcsCards(keywords: Record<string, FitsValue>): WcsCard[] {
  const cards: WcsCard[] = [];
  for (const [key, value] of Object.entries(keywords)) {
    if (!WCS_KEY.test(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') cards.push({ key, value });
  }
  return cards;
}
