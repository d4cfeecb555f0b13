import { degreesToDms, degreesToHms, toNinaPlateSolveResult } from './nina-plate-solve-result';
import type { PlateSolveResult } from './plate-solver.port';

const solvedAt = new Date('2026-11-29T21:00:00.000Z');
const solved: PlateSolveResult = {
  success: true,
  durationMs: 4000,
  solver: 'astrometry',
  solution: { raDeg: 83.8, decDeg: -5.4, positionAngleDeg: 37, orientationDeg: 323, flipped: false, arcsecPerPixel: 1.6, widthDeg: 0.5, heightDeg: 0.4, radiusDeg: 0.32, imageWidth: 1280, imageHeight: 1024, wcsCards: [] },
};

describe('toNinaPlateSolveResult', () => {
  it('has the members of N.I.N.A.\'s PlateSolveResult and ninaAPI\'s documented names', () => {
    const json = toNinaPlateSolveResult(solved, { solvedAt });
    // N.I.N.A. members (NINA.PlateSolving/PlateSolveResult.cs) plus ninaAPI api_spec.yaml's PixelScale.
    expect(Object.keys(json).sort()).toEqual(['Coordinates', 'DecErrorString', 'DecPixError', 'Flipped', 'Orientation', 'PixelScale', 'Pixscale', 'PositionAngle', 'RaErrorString', 'RaPixError', 'Radius', 'SolveTime', 'Success'].sort());
    expect(json).toMatchObject({ SolveTime: '2026-11-29T21:00:00.000Z', Orientation: 323, PositionAngle: 37, Pixscale: 1.6, PixelScale: 1.6, Radius: 0.32, Flipped: false, Success: true, RaErrorString: '--', RaPixError: 'NaN', DecPixError: 'NaN', DecErrorString: '--' });
    expect(json.Coordinates).toEqual({
      RA: 83.8 / 15,
      RAString: '05:35:12',
      RADegrees: 83.8,
      Dec: -5.4,
      DecString: '-05° 24\' 00"',
      DECDegrees: -5.4,
      Epoch: 'J2000',
      DateTime: { Now: '2026-11-29T21:00:00.000Z', UtcNow: '2026-11-29T21:00:00.000Z', MinValue: '0001-01-01T00:00:00', MaxValue: '9999-12-31T23:59:59.9999999' },
    });
  });

  it('shows the error from a target in pixels, as N.I.N.A.\'s centring does', () => {
    const json = toNinaPlateSolveResult(solved, { solvedAt, target: { raDeg: 83.8 + 16 / 3600, decDeg: -5.4 - 8 / 3600 } });
    expect(json.RaPixError).toBe(10);
    expect(json.DecPixError).toBe(-5);
    expect(json.RaErrorString).toBe('00:00:01');
    expect(json.DecErrorString).toBe('-00° 00\' 08"');
  });

  it('maps a failure as N.I.N.A.\'s empty failed result (no Coordinates)', () => {
    const json = toNinaPlateSolveResult({ success: false, reason: 'astrometry.net did not solve the frame', durationMs: 5, solver: 'astrometry' }, { solvedAt });
    expect(json).toEqual({ SolveTime: '2026-11-29T21:00:00.000Z', Orientation: 0, PositionAngle: 0, Pixscale: 0, PixelScale: 0, Radius: 0, Flipped: false, Success: false, RaErrorString: '--', RaPixError: 'NaN', DecPixError: 'NaN', DecErrorString: '--' });
  });

  it('formats like AstroUtil.DegreesToHMS / DegreesToDMS, carrying a rounded 60', () => {
    expect(degreesToHms(359.99999)).toBe('24:00:00');
    expect(degreesToHms(15.5)).toBe('01:02:00');
    expect(degreesToDms(-0.5)).toBe('-00° 30\' 00"');
    expect(degreesToDms(89.99999)).toBe('90° 00\' 00"');
  });
});
