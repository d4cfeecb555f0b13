import { altAz } from './astro';
import { errorOfAxis, estimateAxis, followAdjustment, hourAngleDecToVector, misalignedPointing, polarErrorFromThreePoints, vectorToHourAngleDec } from './polar-axis';

describe('three-point polar alignment geometry', () => {
  it('places hour angle and declination as the standard alt/az formulas do', () => {
    for (const [ha, dec, lat] of [[30, 20, 48.2], [-75, -10, 48.2], [150, 60, -33.9]]) {
      const v = hourAngleDecToVector(ha, dec, lat);
      const { altitude, azimuth } = altAz(0, dec, ha / 15, lat); // RA 0 at LST = HA
      expect((Math.asin(v[2]) * 180) / Math.PI).toBeCloseTo(altitude, 9);
      expect((((Math.atan2(v[1], v[0]) * 180) / Math.PI + 360) % 360)).toBeCloseTo(azimuth, 9);
      const back = vectorToHourAngleDec(v, lat);
      expect(back.haDeg).toBeCloseTo(ha, 9);
      expect(back.decDeg).toBeCloseTo(dec, 9);
    }
  });

  it.each([
    [48.2, 0.5, -0.3],
    [48.2, -1.2, 2],
    [10, 0.05, 0.02],
    [-33.9, 0.7, 0.4],
  ])('recovers the misalignment of a mount at latitude %d (alt %d°, az %d°)', (lat, altErr, azErr) => {
    // The RA axis turns by 20° between points: the frame centre moves around the true axis.
    const points = [0, 20, 40].map((turn) => misalignedPointing(-30 + turn, 40, lat, altErr, azErr));
    const error = polarErrorFromThreePoints(points, lat);
    expect(error.AltitudeError).toBeCloseTo(altErr, 6);
    expect(error.AzimuthError).toBeCloseTo(azErr, 6);
    expect(error.TotalError).toBeGreaterThan(0);
  });

  it('reports no error for an aligned mount and refuses points that do not span a circle', () => {
    const aligned = polarErrorFromThreePoints([0, 15, 30].map((ha) => ({ haDeg: ha, decDeg: 10 })), 48.2);
    expect(aligned.TotalError).toBeCloseTo(0, 9);
    expect(() => polarErrorFromThreePoints([5, 5, 5].map((ha) => ({ haDeg: ha, decDeg: 10 })), 48.2)).toThrow('did not turn');
  });

  it.each([
    [48.2, 0.5, -0.3, 0.2, -0.1, 2],
    [48.2, 0.5, -0.3, 0.5, -0.3, 10],
    [-33.9, -0.4, 0.6, 0.05, 0.1, 5],
  ])('follows bolt adjustments after the measurement (lat %d: %d°/%d° → %d°/%d°, %d° tracked)', (lat, alt1, az1, alt2, az2, tracked) => {
    const estimate = estimateAxis([0, 20, 40].map((turn) => misalignedPointing(-30 + turn, 40, lat, alt1, az1)), lat);
    const last = misalignedPointing(10, 40, lat, alt1, az1);
    const now = misalignedPointing(10 + tracked, 40, lat, alt2, az2);
    const error = errorOfAxis(followAdjustment(estimate, last, tracked, now));
    expect(error.AltitudeError).toBeCloseTo(alt2, 6);
    expect(error.AzimuthError).toBeCloseTo(az2, 6);
  });
});
