import { parseFitsHeader, type FitsValue as HeaderValue, type ParsedHeader } from '@app/core';

/**
 * Minimal FITS (NOST 100-2.0) for 16-bit mono images: 2880-byte blocks of 80-character
 * header cards, big-endian signed 16-bit data with BZERO = 32768 for unsigned pixels.
 */

export type FitsValue = string | number | boolean;
export interface FitsCard {
  key: string;
  value: FitsValue;
  comment?: string;
}

const BLOCK = 2880;
const littleEndianHost = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** 12 significant digits, trailing zeros of the mantissa dropped (never the exponent's: 3.2e-10 stays so). */
function realText(value: number): string {
  const [mantissa, exponent] = value.toPrecision(12).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '.0') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}E${exponent}`;
}

function formatValue(value: FitsValue): string {
  if (typeof value === 'boolean') return (value ? 'T' : 'F').padStart(20);
  if (typeof value === 'number') {
    return (Number.isInteger(value) ? String(value) : realText(value)).toUpperCase().padStart(20);
  }
  // Strings: quoted, quotes doubled, at least 8 characters inside the quotes (standard §4.2.1).
  const inner = value.replace(/'/g, "''").padEnd(8);
  return `'${inner}'`.padEnd(20);
}

function card(key: string, value: FitsValue, comment?: string): string {
  if (!/^[A-Z0-9_-]{1,8}$/.test(key)) throw new Error(`invalid FITS keyword "${key}"`);
  const text = `${key.padEnd(8)}= ${formatValue(value)}${comment ? ` / ${comment}` : ''}`;
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 80).padEnd(80);
}

export function encodeFits(width: number, height: number, pixels: Uint16Array, extra: FitsCard[]): Buffer {
  const cards = [
    card('SIMPLE', true, 'conforms to FITS standard'),
    card('BITPIX', 16, 'array data type'),
    card('NAXIS', 2, 'number of array dimensions'),
    card('NAXIS1', width),
    card('NAXIS2', height),
    card('BZERO', 32768, 'offset data range to that of unsigned short'),
    card('BSCALE', 1),
    ...extra.map((c) => card(c.key, c.value, c.comment)),
    'END'.padEnd(80),
  ];
  const headerLength = Math.ceil((cards.length * 80) / BLOCK) * BLOCK;
  const dataLength = Math.ceil((pixels.length * 2) / BLOCK) * BLOCK;
  const out = Buffer.alloc(headerLength + dataLength);
  out.fill(0x20, 0, headerLength);
  out.write(cards.join(''), 0, 'ascii');
  // Unsigned value − 32768 as a signed 16-bit number is the same bits with the top bit flipped;
  // flip in place in the output (Buffer.alloc is unpooled, so the data is 2-byte aligned), then
  // swap to big-endian in one native pass (per-pixel writeInt16BE is ~10× slower).
  const data = out.subarray(headerLength, headerLength + pixels.length * 2);
  const words = new Uint16Array(data.buffer, data.byteOffset, pixels.length);
  words.set(pixels);
  flipSignBits(words);
  if (littleEndianHost) data.swap16();
  return out;
}

/**
 * The same FITS file with `cards` set in its primary header (a card of the same keyword is
 * replaced), the data untouched: the header grows by whole blocks only when it must.
 */
export function withHeaderCards(fits: Buffer, extra: FitsCard[]): Buffer {
  const keys = new Set(extra.map((c) => c.key));
  const kept: string[] = [];
  let end = -1;
  for (let offset = 0; offset + 80 <= fits.length; offset += 80) {
    const record = fits.toString('ascii', offset, offset + 80);
    const key = record.slice(0, 8).trim();
    if (key === 'END') {
      end = offset;
      break;
    }
    if (!keys.has(key)) kept.push(record);
  }
  if (end < 0) throw new Error('not a FITS file: no END card');
  const oldHeaderLength = Math.ceil((end + 80) / BLOCK) * BLOCK;
  const cards = [...kept, ...extra.map((c) => card(c.key, c.value, c.comment)), 'END'.padEnd(80)];
  const headerLength = Math.ceil((cards.length * 80) / BLOCK) * BLOCK;
  const header = Buffer.alloc(headerLength, 0x20);
  header.write(cards.join(''), 0, 'ascii');
  return Buffer.concat([header, fits.subarray(oldHeaderLength)]);
}

/** Signed ↔ unsigned 16-bit with offset 32768: flips bit 15 of every value, two values per step. */
function flipSignBits(values: Uint16Array): void {
  const pairs = values.length >> 1;
  if (values.byteOffset % 4 === 0) {
    const wide = new Uint32Array(values.buffer, values.byteOffset, pairs);
    for (let i = 0; i < pairs; i++) wide[i] ^= 0x80008000;
  } else {
    for (let i = 0; i < pairs * 2; i++) values[i] ^= 0x8000;
  }
  if (values.length & 1) values[values.length - 1] ^= 0x8000;
}

export interface DecodedFits {
  header: Map<string, HeaderValue>;
  width: number;
  height: number;
  pixels: Uint16Array;
}

/** Reads a 2-D FITS image with BITPIX 16 (signed, BZERO applied) or 8; the header with core's standard parser. */
export function decodeFits(buffer: Buffer): DecodedFits {
  let parsed: ParsedHeader;
  try {
    parsed = parseFitsHeader(buffer);
  } catch {
    throw new Error('not a FITS file');
  }
  const header = new Map(Object.entries(parsed.keywords));
  if (header.get('SIMPLE') !== true) throw new Error('not a FITS file');
  const dataStart = parsed.bytesRead; // the primary header's blocks end where the data begins
  const bitpix = Number(header.get('BITPIX'));
  const width = Number(header.get('NAXIS1'));
  const height = Number(header.get('NAXIS2'));
  const bzero = Number(header.get('BZERO') ?? 0);
  const count = width * height;
  const pixels = new Uint16Array(count);
  if (bitpix === 16) {
    if (buffer.length < dataStart + count * 2) throw new Error('FITS data is truncated');
    // Copy straight into the pixel array, swap in place, then apply BZERO (a bit flip for the usual 32768).
    const bytes = Buffer.from(pixels.buffer, pixels.byteOffset, count * 2);
    buffer.copy(bytes, 0, dataStart, dataStart + count * 2);
    if (littleEndianHost) bytes.swap16();
    if (bzero === 32768) flipSignBits(pixels);
    else if (bzero !== 0) {
      const signed = new Int16Array(pixels.buffer, pixels.byteOffset, count);
      for (let i = 0; i < count; i++) pixels[i] = signed[i] + bzero;
    }
  } else if (bitpix === 8) {
    for (let i = 0; i < count; i++) pixels[i] = buffer[dataStart + i];
  } else {
    throw new Error(`FITS BITPIX ${String(header.get('BITPIX'))} is not supported`);
  }
  return { header, width, height, pixels };
}
