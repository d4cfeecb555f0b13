import { decodeFits, encodeFits, withHeaderCards } from './fits';

describe('withHeaderCards: a plate solution written into a stored FITS header', () => {
  const pixels = Uint16Array.from({ length: 64 * 48 }, (_, i) => (i * 37) % 65536);
  const fits = encodeFits(64, 48, pixels, [{ key: 'OBJECT', value: 'M42' }, { key: 'CRVAL1', value: 1 }]);

  it('sets the cards (replacing one of the same keyword) and leaves the data as it was', () => {
    const wcs = [
      { key: 'CTYPE1', value: 'RA---TAN' },
      { key: 'CRVAL1', value: 83.8221 },
      { key: 'CD1_1', value: -0.000449 },
    ];
    const out = withHeaderCards(fits, wcs);
    expect(out.length % 2880).toBe(0);
    const decoded = decodeFits(out);
    expect(decoded.header.get('OBJECT')).toBe('M42');
    expect(decoded.header.get('CTYPE1')).toBe('RA---TAN');
    expect(decoded.header.get('CRVAL1')).toBeCloseTo(83.8221, 6);
    expect(out.toString('ascii', 0, 2880).match(/CRVAL1 {2}=/g)).toHaveLength(1);
    expect(Buffer.from(decoded.pixels.buffer, decoded.pixels.byteOffset, decoded.pixels.byteLength)).toEqual(Buffer.from(pixels.buffer));
  });

  it('grows the header by whole blocks when the cards do not fit, and refuses what is not FITS', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ key: `A_${i}`, value: i }));
    const out = withHeaderCards(fits, many);
    expect(out.length).toBe(fits.length + 2880);
    expect(decodeFits(out).header.get('A_39')).toBe(39);
    expect(() => withHeaderCards(Buffer.alloc(2880, 0x20), many)).toThrow('not a FITS file');
  });

  it('writes reals of any magnitude so they read back as written (SIP terms of 1e-10, rotation terms near 0)', () => {
    const values = [3.2e-10, -2.5e-20, 1.5e21, 1e-7, 9.930555555e-4, -0.000449, 100.5, 6.02214076e23];
    const out = withHeaderCards(fits, values.map((value, i) => ({ key: `B_0_${i}`, value })));
    const header = decodeFits(out).header;
    values.forEach((value, i) => expect((header.get(`B_0_${i}`) as number) / value).toBeCloseTo(1, 10));
  });
});
