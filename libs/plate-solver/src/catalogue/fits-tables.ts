import { open, type FileHandle } from 'node:fs/promises';
import { CARD_LENGTH, FITS_BLOCK, parseCard, type FitsValue } from '@app/core';

/**
 * A small reader of FITS binary tables (FITS 4.0 §7.3): it walks the HDUs of a file, reads each
 * header with the project's card parser, and decodes whole columns. Enough for catalogues
 * (astrometry.net index files); no variable-length arrays, scaling (TSCALn) or heap.
 */

export interface FitsHdu {
  index: number;
  keywords: Record<string, FitsValue>;
  /** Byte offset of the data unit. */
  dataStart: number;
  /** Bytes of data, without the padding to a whole block. */
  dataBytes: number;
}

export type BinaryColumnType = 'L' | 'B' | 'I' | 'J' | 'K' | 'E' | 'D' | 'A';

export interface BinaryTableColumn {
  name: string;
  type: BinaryColumnType;
  /** Elements per row (the r of rTa). */
  repeat: number;
  /** Byte offset of the column inside a row. */
  offset: number;
  /** Bytes per row. */
  width: number;
}

export type ColumnValues = Uint8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array;

const ELEMENT_BYTES: Record<BinaryColumnType, number> = { L: 1, B: 1, I: 2, J: 4, K: 8, E: 4, D: 8, A: 1 };

/** The HDUs of a FITS file (all, or the first `limit`), header parsed, data located. */
export async function listHdus(path: string, limit = Infinity): Promise<FitsHdu[]> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const hdus: FitsHdu[] = [];
    let offset = 0;
    while (offset + FITS_BLOCK <= size && hdus.length < limit) {
      const { keywords, headerBytes } = await readHeaderAt(file, offset, size);
      if (hdus.length === 0 && keywords.SIMPLE !== true) throw new Error(`${path} is not a FITS file`);
      const dataBytes = dataSize(keywords);
      hdus.push({ index: hdus.length, keywords, dataStart: offset + headerBytes, dataBytes });
      offset += headerBytes + Math.ceil(dataBytes / FITS_BLOCK) * FITS_BLOCK;
    }
    return hdus;
  } finally {
    await file.close();
  }
}

async function readHeaderAt(file: FileHandle, start: number, size: number): Promise<{ keywords: Record<string, FitsValue>; headerBytes: number }> {
  const keywords: Record<string, FitsValue> = Object.create(null);
  const warnings: string[] = [];
  const block = Buffer.alloc(FITS_BLOCK);
  for (let offset = start; offset + FITS_BLOCK <= size; offset += FITS_BLOCK) {
    await file.read(block, 0, FITS_BLOCK, offset);
    const text = block.toString('latin1');
    for (let at = 0; at < FITS_BLOCK; at += CARD_LENGTH) {
      const card = parseCard(text.slice(at, at + CARD_LENGTH), warnings);
      if (card.kind === 'end') return { keywords, headerBytes: offset + FITS_BLOCK - start };
      if (card.kind === 'value' && card.value !== undefined) keywords[card.key] = card.value;
    }
  }
  throw new Error(`FITS header at byte ${start} has no END card`);
}

function integer(keywords: Record<string, FitsValue>, key: string, fallback?: number): number {
  const value = keywords[key];
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (value === undefined && fallback !== undefined) return fallback;
  throw new Error(`FITS keyword ${key} is missing or not an integer`);
}

function dataSize(keywords: Record<string, FitsValue>): number {
  const axes = integer(keywords, 'NAXIS');
  if (axes === 0) return 0;
  let elements = 1;
  for (let i = 1; i <= axes; i++) elements *= integer(keywords, `NAXIS${i}`);
  return (Math.abs(integer(keywords, 'BITPIX')) / 8) * integer(keywords, 'GCOUNT', 1) * (integer(keywords, 'PCOUNT', 0) + elements);
}

/** The columns of a BINTABLE HDU, from its TFORMn / TTYPEn cards. */
export function binaryTableColumns(hdu: FitsHdu): BinaryTableColumn[] {
  if (hdu.keywords.XTENSION !== 'BINTABLE') throw new Error(`HDU ${hdu.index} is not a binary table`);
  const columns: BinaryTableColumn[] = [];
  let offset = 0;
  for (let n = 1; n <= integer(hdu.keywords, 'TFIELDS'); n++) {
    const form = String(hdu.keywords[`TFORM${n}`] ?? '').trim();
    const match = /^(\d*)([LBIJKEDA])/.exec(form);
    if (!match) throw new Error(`HDU ${hdu.index}: column ${n} has an unsupported TFORM "${form}"`);
    const repeat = match[1] === '' ? 1 : Number(match[1]);
    const type = match[2] as BinaryColumnType;
    const width = repeat * ELEMENT_BYTES[type];
    columns.push({ name: String(hdu.keywords[`TTYPE${n}`] ?? `COL${n}`).trim(), type, repeat, offset, width });
    offset += width;
  }
  if (offset !== integer(hdu.keywords, 'NAXIS1')) throw new Error(`HDU ${hdu.index}: columns take ${offset} bytes, NAXIS1 says ${String(hdu.keywords.NAXIS1)}`);
  return columns;
}

/** One column's raw bytes, row after row (`width` bytes each), as stored. */
export async function readColumnBytes(path: string, hdu: FitsHdu, columnName: string): Promise<{ column: BinaryTableColumn; rows: number; bytes: Buffer }> {
  const columns = binaryTableColumns(hdu);
  const column = columns.find((c) => c.name === columnName);
  if (!column) throw new Error(`HDU ${hdu.index} has no column ${columnName} (has ${columns.map((c) => c.name).join(', ')})`);
  const rowBytes = integer(hdu.keywords, 'NAXIS1');
  const rows = integer(hdu.keywords, 'NAXIS2');
  const table = Buffer.alloc(rowBytes * rows);
  const file = await open(path, 'r');
  try {
    const { bytesRead } = await file.read(table, 0, table.length, hdu.dataStart);
    if (bytesRead < table.length) throw new Error(`HDU ${hdu.index}: the table is truncated`);
  } finally {
    await file.close();
  }
  if (column.width === rowBytes) return { column, rows, bytes: table };
  const bytes = Buffer.alloc(column.width * rows);
  for (let row = 0; row < rows; row++) table.copy(bytes, row * column.width, row * rowBytes + column.offset, row * rowBytes + column.offset + column.width);
  return { column, rows, bytes };
}

/** A numeric column decoded from FITS big-endian to native values (repeat elements per row, row-major). */
export async function readNumericColumn(path: string, hdu: FitsHdu, columnName: string): Promise<ColumnValues> {
  const { column, bytes } = await readColumnBytes(path, hdu, columnName);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = bytes.length / ELEMENT_BYTES[column.type];
  switch (column.type) {
    case 'B':
    case 'L':
      return new Uint8Array(bytes);
    case 'I':
      return decode(new Int16Array(count), (i) => view.getInt16(i * 2));
    case 'J':
      return decode(new Int32Array(count), (i) => view.getInt32(i * 4));
    case 'K': {
      const values = new BigInt64Array(count);
      for (let i = 0; i < count; i++) values[i] = view.getBigInt64(i * 8);
      return values;
    }
    case 'E':
      return decode(new Float32Array(count), (i) => view.getFloat32(i * 4));
    case 'D':
      return decode(new Float64Array(count), (i) => view.getFloat64(i * 8));
    default:
      throw new Error(`column ${columnName} holds characters, not numbers`);
  }
}

function decode<T extends Int16Array | Int32Array | Float32Array | Float64Array>(values: T, read: (i: number) => number): T {
  for (let i = 0; i < values.length; i++) values[i] = read(i);
  return values;
}
