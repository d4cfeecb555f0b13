import { arcsecPerPixel, scaleBracket, scaleHintFor } from './plate-scale';
import { angularSeparationDeg, deprojectFromTangent, projectToTangent } from './sky/tangent-plane';
import { astrometryOrientation, cdMatrixFor, ninaOrientation, solutionFromWcs } from './wcs-solution';

describe('plate scale', () => {
  it('is 206.265 × pixel µm × binning / focal length mm', () => {
    expect(arcsecPerPixel(480, 3.76)).toBeCloseTo(1.6157, 4);
    expect(arcsecPerPixel(480, 3.76, 2)).toBeCloseTo(3.2315, 4);
    expect(arcsecPerPixel(900, 5.2)).toBeCloseTo(1.1918, 4);
    expect(() => arcsecPerPixel(0, 3.76)).toThrow(RangeError);
  });

  it('brackets the expected scale for the solver', () => {
    expect(scaleBracket(2, 0.1)).toEqual({ lowArcsecPerPixel: 1.8, highArcsecPerPixel: 2.2 });
    const hint = scaleHintFor({ focalLengthMm: 480, pixelSizeUm: 3.76, binning: 2 });
    expect(hint.lowArcsecPerPixel).toBeLessThan(3.2315);
    expect(hint.highArcsecPerPixel).toBeGreaterThan(3.2315);
  });
});

describe('tangent plane', () => {
  it.each([
    [83.8, -5.4, 84.1, -5.2],
    [359.9, 20, 0.2, 20.1],
    [260, 88.6, 80, 88.9],
  ])('projects and deprojects (%s, %s) ↔ (%s, %s) exactly', (ra0, dec0, ra, dec) => {
    const plane = projectToTangent(ra, dec, ra0, dec0)!;
    const back = deprojectFromTangent(plane.xi, plane.eta, ra0, dec0);
    expect(angularSeparationDeg(back.raDeg, back.decDeg, ra, dec) * 3600).toBeLessThan(1e-6);
  });

  it('puts east at +xi and north at +eta, and refuses the far hemisphere', () => {
    expect(projectToTangent(10.1, 0, 10, 0)!.xi).toBeGreaterThan(0);
    expect(projectToTangent(10, 0.1, 10, 0)!.eta).toBeGreaterThan(0);
    expect(projectToTangent(190, 0, 10, 0)).toBeNull();
  });
});

describe('orientation (N.I.N.A. conventions)', () => {
  it('reads an image with north at the top row and east left as position angle 0, not flipped', () => {
    // Row 0 at the top: y (row) grows downwards, so north-up means CD2_2 < 0; east left means CD1_1 < 0.
    const s = 1 / 3600;
    expect(ninaOrientation({ cd11: -s, cd12: 0, cd21: 0, cd22: -s })).toEqual({ positionAngleDeg: 0, flipped: false });
    // The same CD as a FITS viewer (row 1 at the bottom) reads it: astrometry.net's "up is 180° E of N".
    expect(Math.abs(astrometryOrientation({ cd11: -s, cd12: 0, cd21: 0, cd22: -s }))).toBeCloseTo(180, 9);
    expect(ninaOrientation({ cd11: s, cd12: 0, cd21: 0, cd22: -s }).flipped).toBe(true);
  });

  it.each([0, 37, 90, 145, 200, 359])('cdMatrixFor(%s°) is read back as the same angle, mirrored or not', (angle) => {
    for (const flipped of [false, true]) {
      const read = ninaOrientation(cdMatrixFor(angle, flipped, 1.6));
      expect(read.flipped).toBe(flipped);
      expect(Math.abs(((read.positionAngleDeg - angle + 540) % 360) - 180)).toBeLessThan(1e-9);
    }
  });
});

describe('solutionFromWcs', () => {
  it('describes the image centre, scale, field and N.I.N.A. angles, and keeps only WCS cards', () => {
    const cd = cdMatrixFor(37, false, 2);
    const solution = solutionFromWcs({
      SIMPLE: true, NAXIS: 0, IMAGEW: 1000, IMAGEH: 800, CTYPE1: 'RA---TAN-SIP', CTYPE2: 'DEC--TAN-SIP', EQUINOX: 2000,
      CRVAL1: 10, CRVAL2: 40, CRPIX1: 500.5, CRPIX2: 400.5, CD1_1: cd.cd11, CD1_2: cd.cd12, CD2_1: cd.cd21, CD2_2: cd.cd22, A_ORDER: 2, A_0_2: 1e-7, DATE: '2026-11-29',
    });
    expect(solution.raDeg).toBeCloseTo(10, 9);
    expect(solution.decDeg).toBeCloseTo(40, 9);
    expect(solution.arcsecPerPixel).toBeCloseTo(2, 9);
    expect(solution.positionAngleDeg).toBeCloseTo(37, 9);
    expect(solution.orientationDeg).toBeCloseTo(323, 9);
    expect(solution.flipped).toBe(false);
    expect(solution.widthDeg).toBeCloseTo(1000 * 2 / 3600, 9);
    expect(solution.radiusDeg).toBeCloseTo(Math.hypot(1000, 800) * 2 / 3600 / 2, 9);
    expect(solution.wcsCards.map((c) => c.key)).toEqual(['CTYPE1', 'CTYPE2', 'EQUINOX', 'CRVAL1', 'CRVAL2', 'CRPIX1', 'CRPIX2', 'CD1_1', 'CD1_2', 'CD2_1', 'CD2_2', 'A_ORDER', 'A_0_2']);
  });

  it('moves from an off-centre reference pixel to the image centre', () => {
    const cd = cdMatrixFor(0, false, 3600); // one degree per pixel, north up
    const solution = solutionFromWcs({ CRVAL1: 100, CRVAL2: 0, CRPIX1: 1, CRPIX2: 1, CD1_1: cd.cd11, CD1_2: cd.cd12, CD2_1: cd.cd21, CD2_2: cd.cd22 }, { width: 1, height: 3 });
    // The centre is one row further down the image (row grows southwards here): one plane degree
    // south, which the gnomonic projection puts atan(1°) from the reference.
    expect(solution.raDeg).toBeCloseTo(100, 9);
    expect(solution.decDeg).toBeCloseTo((-Math.atan(Math.PI / 180) * 180) / Math.PI, 9);
  });

  it('names a missing keyword', () => {
    expect(() => solutionFromWcs({ CRVAL1: 1 }, { width: 10, height: 10 })).toThrow(/no numeric CD1_1/);
  });
});
