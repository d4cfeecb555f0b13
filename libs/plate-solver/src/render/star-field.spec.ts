import { fieldRadiusDeg, renderStarField, type StarFieldRequest } from './star-field';

const base: StarFieldRequest = { stars: [], raDeg: 100, decDeg: 30, rotationDeg: 0, arcsecPerPixel: 2, width: 200, height: 100, noise: 0, background: 1000 };

/** Brightest pixel: [column, row]. */
function brightest(pixels: Uint16Array, width: number): [number, number] {
  let best = 0;
  for (let i = 1; i < pixels.length; i++) if (pixels[i] > pixels[best]) best = i;
  return [best % width, Math.floor(best / width)];
}

describe('renderStarField', () => {
  it('puts a star at the centre on the centre pixel, and sky elsewhere', () => {
    const field = renderStarField({ ...base, stars: [{ raDeg: 100, decDeg: 30, mag: 9 }] });
    expect(field.placed).toHaveLength(1);
    expect(field.placed[0].x).toBeCloseTo(99.5, 6);
    expect(field.placed[0].y).toBeCloseTo(49.5, 6);
    expect(field.pixels[0]).toBe(1000);
    expect(field.pixels[50 * 200 + 100]).toBeGreaterThan(3000);
  });

  it('at position angle 0 shows north up and east left; at 90 east up, so north right; mirrored east right', () => {
    const north = { raDeg: 100, decDeg: 30 + 40 / 3600, mag: 8 }; // 20 px north
    const east = { raDeg: 100 + 40 / 3600 / Math.cos((30 * Math.PI) / 180), decDeg: 30, mag: 8 }; // 20 px east
    // An odd-sized frame: the centre is pixel (100, 50).
    const at = (request: Partial<StarFieldRequest>, star: typeof north) => brightest(renderStarField({ ...base, width: 201, height: 101, ...request, stars: [star] }).pixels, 201);
    expect(at({}, north)).toEqual([100, 30]);
    expect(at({}, east)).toEqual([80, 50]);
    expect(at({ rotationDeg: 90 }, north)).toEqual([120, 50]);
    expect(at({ rotationDeg: 90 }, east)).toEqual([100, 30]);
    expect(at({ flipped: true }, east)).toEqual([120, 50]);
    expect(at({ flipped: true }, north)).toEqual([100, 30]);
  });

  it('makes brighter stars from smaller magnitudes and clips at 65535', () => {
    const field = renderStarField({ ...base, stars: [{ raDeg: 100, decDeg: 30, mag: 0 }, { raDeg: 100 - 100 / 3600, decDeg: 30, mag: 11 }] });
    expect(Math.max(...field.pixels)).toBe(65535);
    expect(field.placed.map((p) => p.mag)).toEqual([0, 11]);
  });

  it('adds the same noise for the same seed and different noise for another', () => {
    const a = renderStarField({ ...base, noise: 10, noiseSeed: 3 });
    const b = renderStarField({ ...base, noise: 10, noiseSeed: 3 });
    const c = renderStarField({ ...base, noise: 10, noiseSeed: 4 });
    expect(Buffer.from(a.pixels.buffer).equals(Buffer.from(b.pixels.buffer))).toBe(true);
    expect(Buffer.from(a.pixels.buffer).equals(Buffer.from(c.pixels.buffer))).toBe(false);
    const mean = a.pixels.reduce((sum, v) => sum + v, 0) / a.pixels.length;
    const sd = Math.sqrt(a.pixels.reduce((sum, v) => sum + (v - mean) ** 2, 0) / a.pixels.length);
    expect(mean).toBeCloseTo(1000, 0);
    expect(sd).toBeGreaterThan(9);
    expect(sd).toBeLessThan(11);
  });

  it('sizes stars by HFR or by seeing', () => {
    const width = (request: Partial<StarFieldRequest>) => {
      const field = renderStarField({ ...base, ...request, stars: [{ raDeg: 100, decDeg: 30, mag: 8 }] });
      return Array.from(field.pixels.subarray(50 * 200, 51 * 200)).filter((v) => v > 1500).length;
    };
    expect(width({ hfrPx: 4 })).toBeGreaterThan(width({ hfrPx: 1.5 }));
    expect(width({ seeingArcsec: 12 })).toBeGreaterThan(width({ seeingArcsec: 3 }));
  });

  it('gives the radius that covers the frame', () => {
    expect(fieldRadiusDeg(1280, 1024, 1.6157)).toBeCloseTo(0.3678, 4);
  });
});
