import { decodeFits, encodeFits } from '../drivers/image/fits';
import { detectStars, histogramMedian, imageStatistics } from '../drivers/image/image-analysis';
import { stretch, stretchTable } from './preview';
import { renderStarField, seededRandom } from '../drivers/image/star-field';

describe('FITS', () => {
  it('round-trips 16-bit pixels and typed header cards, in 2880-byte blocks', () => {
    const pixels = Uint16Array.from([0, 1, 32767, 32768, 65535, 1234]);
    const buffer = encodeFits(3, 2, pixels, [
      { key: 'OBJECT', value: "Barnard's Loop" },
      { key: 'EXPTIME', value: 0.25 },
      { key: 'GAIN', value: 100 },
      { key: 'ROWORDER', value: 'TOP-DOWN' },
      { key: 'COOLED', value: true },
    ]);
    expect(buffer.length % 2880).toBe(0);
    expect(buffer.toString('ascii', 0, 80)).toBe('SIMPLE  =                    T / conforms to FITS standard                      ');
    const decoded = decodeFits(buffer);
    expect(Array.from(decoded.pixels)).toEqual(Array.from(pixels));
    expect(Object.fromEntries(decoded.header)).toMatchObject({ BITPIX: 16, NAXIS1: 3, NAXIS2: 2, BZERO: 32768, OBJECT: "Barnard's Loop", EXPTIME: 0.25, GAIN: 100, COOLED: true });
  });

  it('refuses what is not FITS', () => {
    expect(() => decodeFits(Buffer.from('hello'.padEnd(2880)))).toThrow('not a FITS file');
    expect(() => encodeFits(1, 1, new Uint16Array(1), [{ key: 'lower', value: 1 }])).toThrow('invalid FITS keyword');
  });
});

describe('star field and star detection', () => {
  const field = (extra: Partial<Parameters<typeof renderStarField>[0]> = {}) =>
    renderStarField({ sensorWidth: 640, sensorHeight: 480, binning: 1, exposureSeconds: 1, gain: 0, offset: 0, raDeg: 83.8, decDeg: -5.4, frameNumber: 1, starCount: 40, ...extra });

  it('is deterministic for the same pointing and frame, different for another pointing', () => {
    expect(field().pixels).toEqual(field().pixels);
    expect(field({ raDeg: 10 }).stars[0]).not.toEqual(field().stars[0]);
  });

  it('finds the placed stars near their true positions, with an HFR that grows with defocus', () => {
    const sharp = field();
    const stats = imageStatistics(sharp.pixels);
    const found = detectStars(sharp.width, sharp.height, sharp.pixels, stats);
    const bright = sharp.stars.filter((s) => s.peak > 30 * stats.mad * 1.4826);
    expect(found.stars.length).toBeGreaterThanOrEqual(bright.length * 0.8);
    for (const star of bright) {
      const nearest = Math.min(...found.stars.map((f) => Math.hypot(f.x - star.x, f.y - star.y)));
      expect(nearest).toBeLessThan(1);
    }
    const blurred = field({ extraBlur: 2 });
    const blurredFound = detectStars(blurred.width, blurred.height, blurred.pixels, imageStatistics(blurred.pixels));
    expect(blurredFound.hfr).toBeGreaterThan(found.hfr * 1.5);
  });

  it('computes exact statistics', () => {
    const s = imageStatistics(Uint16Array.from([1, 2, 3, 4, 100]));
    expect(s).toEqual({ mean: 22, median: 3, stdev: Math.sqrt((21 ** 2 + 20 ** 2 + 19 ** 2 + 18 ** 2 + 78 ** 2) / 5), min: 1, max: 100, mad: 1 });
  });

  it('has no stars in a dark frame', () => {
    const dark = field({ shutterClosed: true });
    expect(detectStars(dark.width, dark.height, dark.pixels, imageStatistics(dark.pixels)).stars).toHaveLength(0);
  });

  it('stretches the background to about the target and keeps the order of values', () => {
    const frame = field();
    const stats = imageStatistics(frame.pixels);
    const lut = stretchTable(stats, 0.2, -2.8);
    expect(lut[stats.median] / 255).toBeCloseTo(0.2, 1);
    for (let v = 1; v < 65536; v++) expect(lut[v]).toBeGreaterThanOrEqual(lut[v - 1]);
    expect(stretch(Uint16Array.from([0, 65535]), lut)).toEqual(Buffer.from([0, 255]));
  });
});

describe('exact median and MAD from the histogram', () => {
  const sortedMedian = (values: number[]) => {
    const s = [...values].sort((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  };

  it.each([1, 2, 5, 6, 999, 1000, 4096, 4097])('equals the sorted median and MAD for %i random values', (length) => {
    const random = seededRandom(length);
    // Narrow and wide spreads: ties (many equal values) and sparse histograms.
    for (const spread of [8, 65536]) {
      const values = Array.from({ length }, () => Math.floor(random() * spread));
      const stats = imageStatistics(Uint16Array.from(values));
      const median = sortedMedian(values);
      expect(stats.median).toBe(median);
      expect(stats.mad).toBe(sortedMedian(values.map((v) => Math.abs(v - median))));
      expect(stats.min).toBe(Math.min(...values));
      expect(stats.max).toBe(Math.max(...values));
    }
  });

  it('averages the two middle values of an even count', () => {
    expect(histogramMedian(Uint32Array.from([1, 0, 0, 1]), 2)).toBe(1.5);
    expect(imageStatistics(Uint16Array.from([10, 20, 31, 40]))).toMatchObject({ median: 25.5, mad: 10 });
    expect(imageStatistics(Uint16Array.from([10, 20, 31, 41]))).toMatchObject({ median: 25.5, mad: 10.5 });
  });
});
