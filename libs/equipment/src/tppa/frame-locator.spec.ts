import { localSiderealHours } from '../drivers/astro/astro';
import { simulatedFrameCentre } from './frame-locator';
import { polarErrorFromThreePoints } from './polar-error';

describe('the simulator standing in for a plate solver', () => {
  const measure = (altErr: number, azErr: number, secondsBetween: number) => {
    const start = Date.UTC(2026, 10, 22, 22, 0, 0);
    const points = [0, 1, 2].map((i) => {
      const at = new Date(start + i * secondsBetween * 1000);
      const centre = simulatedFrameCentre({ frame: { width: 1, height: 1, pixels: new Uint16Array(1), bitDepth: 16 }, stars: 1, mountRaDeg: 120 + 15 * i, mountDecDeg: 35, at, siteLatitude: 48.2, siteLongitude: 16.37 }, altErr, azErr);
      return { haDeg: localSiderealHours(at, 16.37) * 15 - centre.raDeg, decDeg: centre.decDeg };
    });
    return polarErrorFromThreePoints(points, 48.2);
  };

  it('reports frame centres from which the three-point method recovers the misalignment, however long the exposures take', () => {
    for (const seconds of [0, 5, 120]) {
      const error = measure(0.5, -0.3, seconds);
      expect(error.AltitudeError).toBeCloseTo(0.5, 9);
      expect(error.AzimuthError).toBeCloseTo(-0.3, 9);
    }
    expect(measure(0, 0, 30).TotalError).toBeCloseTo(0, 9);
  });
});
