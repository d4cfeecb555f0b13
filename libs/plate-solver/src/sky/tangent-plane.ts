/** Gnomonic (TAN) projection: the sky on the plane tangent at a centre, as FITS WCS "RA---TAN" defines it. */

const RAD = Math.PI / 180;

export interface TangentPoint {
  /** Degrees towards increasing RA (east). */
  xi: number;
  /** Degrees towards north. */
  eta: number;
}

export function normalizeDegrees(degrees: number): number {
  const d = degrees % 360;
  // + 0 turns −0 into 0.
  return d < 0 ? d + 360 : d + 0;
}

/** Plane coordinates of a sky position, or null when it lies 90° or more from the centre. */
export function projectToTangent(raDeg: number, decDeg: number, centreRaDeg: number, centreDecDeg: number): TangentPoint | null {
  const dRa = (raDeg - centreRaDeg) * RAD;
  const dec = decDeg * RAD;
  const dec0 = centreDecDeg * RAD;
  const cosC = Math.sin(dec0) * Math.sin(dec) + Math.cos(dec0) * Math.cos(dec) * Math.cos(dRa);
  if (cosC <= 1e-9) return null;
  const xi = (Math.cos(dec) * Math.sin(dRa)) / cosC;
  const eta = (Math.cos(dec0) * Math.sin(dec) - Math.sin(dec0) * Math.cos(dec) * Math.cos(dRa)) / cosC;
  return { xi: xi / RAD, eta: eta / RAD };
}

/** The sky position of a point on the tangent plane (degrees). */
export function deprojectFromTangent(xiDeg: number, etaDeg: number, centreRaDeg: number, centreDecDeg: number): { raDeg: number; decDeg: number } {
  const xi = xiDeg * RAD;
  const eta = etaDeg * RAD;
  const dec0 = centreDecDeg * RAD;
  const denominator = Math.cos(dec0) - eta * Math.sin(dec0);
  const ra = centreRaDeg + Math.atan2(xi, denominator) / RAD;
  const dec = Math.atan2(Math.sin(dec0) + eta * Math.cos(dec0), Math.hypot(xi, denominator)) / RAD;
  return { raDeg: normalizeDegrees(ra), decDeg: dec };
}

/** Great-circle distance in degrees (haversine: exact for small angles too). */
export function angularSeparationDeg(ra1Deg: number, dec1Deg: number, ra2Deg: number, dec2Deg: number): number {
  const dDec = (dec2Deg - dec1Deg) * RAD;
  const dRa = (ra2Deg - ra1Deg) * RAD;
  const h = Math.sin(dDec / 2) ** 2 + Math.cos(dec1Deg * RAD) * Math.cos(dec2Deg * RAD) * Math.sin(dRa / 2) ** 2;
  return (2 * Math.asin(Math.min(1, Math.sqrt(h)))) / RAD;
}
