import { j2000ToJNow, jNowToJ2000, localSiderealHours } from '../astro/astro';
import { polarErrorFromThreePoints } from '../astro/polar-axis';
import { SimulatedSky } from './simulated-sky';

const site = { latitude: 48.2, longitude: 16.37 };
const errors = (polarAltErrorDeg: number, polarAzErrorDeg: number, pointingErrorRaDeg = 0, pointingErrorDecDeg = 0) => ({ polarAltErrorDeg, polarAzErrorDeg, pointingErrorRaDeg, pointingErrorDecDeg });

describe('the simulated sky: where a simulated mount truly points', () => {
  const measure = (altErr: number, azErr: number, secondsBetween: number) => {
    const sky = new SimulatedSky('/nowhere');
    const start = Date.UTC(2026, 10, 22, 22, 0, 0);
    const points = [0, 1, 2].map((i) => {
      const at = new Date(start + i * secondsBetween * 1000);
      // TPPA turns the RA axis in coordinates of date (the axes of an aligned mount).
      const commanded = jNowToJ2000(120 + 15 * i, 35, at);
      const truth = sky.truePointing({ ...commanded, site, simulation: errors(altErr, azErr) }, at);
      const ofDate = j2000ToJNow(truth.raDeg, truth.decDeg, at);
      return { haDeg: localSiderealHours(at, site.longitude) * 15 - ofDate.raDeg, decDeg: ofDate.decDeg };
    });
    return polarErrorFromThreePoints(points, site.latitude);
  };

  it('turns frames by the polar misalignment so the three-point method (in coordinates of date) recovers it, however long the exposures take', () => {
    for (const seconds of [0, 5, 120]) {
      const error = measure(0.5, -0.3, seconds);
      expect(error.AltitudeError).toBeCloseTo(0.5, 6);
      expect(error.AzimuthError).toBeCloseTo(-0.3, 6);
    }
    expect(measure(0, 0, 30).TotalError).toBeCloseTo(0, 9);
  });

  it('points off by the pointing-model error until a sync to the true position removes it', () => {
    const sky = new SimulatedSky('/nowhere');
    const at = new Date(Date.UTC(2026, 10, 22, 22));
    const context = { raDeg: 83.8, decDeg: -5.4, site, simulation: errors(0, 0, 2, -1) };
    const off = sky.truePointing(context, at);
    expect(off.raDeg).toBeCloseTo(85.8, 9);
    expect(off.decDeg).toBeCloseTo(-6.4, 9);
    // The mount syncs to the solved (true) position, then slews back to the target: it lands there.
    sky.synced(83.8, -5.4, off.raDeg, off.decDeg);
    const after = sky.truePointing(context, at);
    expect(after.raDeg).toBeCloseTo(83.8, 9);
    expect(after.decDeg).toBeCloseTo(-5.4, 9);
  });
});
