import { writeFile } from 'node:fs/promises';

/**
 * A minimal FITS writer for tests and the benchmark (the project's FITS codec lives with the
 * equipment drivers, which this lib may not import): one 16-bit image, unsigned via BZERO 32768,
 * rows in memory order (row 0 first, as N.I.N.A. and Skygate store images).
 */
export function encodeFits16(pixels: Uint16Array, width: number, height: number, extraCards: Record<string, string | number> = {}): Buffer {
  const cards = [
    ['SIMPLE', true],
    ['BITPIX', 16],
    ['NAXIS', 2],
    ['NAXIS1', width],
    ['NAXIS2', height],
    ['BZERO', 32768],
    ['BSCALE', 1],
    ...Object.entries(extraCards),
  ].map(([key, value]) => {
    const text = value === true ? 'T' : typeof value === 'string' ? `'${value}'` : String(value);
    return `${String(key).padEnd(8)}= ${typeof value === 'string' ? text.padEnd(20) : text.padStart(20)}`.padEnd(80);
  });
  cards.push('END'.padEnd(80));
  const header = Buffer.from(cards.join('').padEnd(Math.ceil(cards.length / 36) * 2880), 'latin1');
  const data = Buffer.alloc(Math.ceil((width * height * 2) / 2880) * 2880);
  for (let i = 0; i < width * height; i++) data.writeInt16BE(pixels[i] - 32768, i * 2);
  return Buffer.concat([header, data]);
}

export async function writeFits16(path: string, pixels: Uint16Array, width: number, height: number, extraCards?: Record<string, string | number>): Promise<void> {
  await writeFile(path, encodeFits16(pixels, width, height, extraCards));
}
