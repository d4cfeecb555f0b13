import { createHash } from 'node:crypto';
import { close, fstat, open, read } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const openFd = promisify(open);
const readFd = promisify(read);
const closeFd = promisify(close);
const fstatFd = promisify(fstat);

/** How the catalogue's stars are laid out: declination bands, RA cells, the stars of each cell side by side. */
export interface CellLayout {
  cellsInBand: Int32Array;
  /** The first cell of each band. */
  firstCellOfBand: Int32Array;
  /** Stars of cell c are at cellStart[c] .. cellStart[c + 1] − 1. */
  cellStart: Int32Array;
  count: number;
}

export interface StarColumns {
  raDeg: Float64Array;
  decDeg: Float64Array;
  mag: Float32Array;
}

/** A cell index: the layout, and the stars of a run of positions (in memory, or read from a cell file). */
export interface CellIndex extends CellLayout {
  starsIn(from: number, to: number): StarColumns | Promise<StarColumns>;
}

/**
 * A built cell index as a file, so short-lived processes (the INDI simulators' `gsc`, run for every
 * frame) read only the cells a query needs instead of decoding the 1.9 M-star index file each time.
 * Layout, host byte order: magic, version, counts, the three Int32 layout arrays, then the RA, Dec
 * and magnitude columns.
 */
const MAGIC = 'SKYGATE-SKYCELLS';
const VERSION = 1;
const HEADER_BYTES = 16 + 4 * 4;
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Sections {
  layoutBytes: number;
  ra: number;
  dec: number;
  mag: number;
  total: number;
}

function sections(bands: number, cells: number, count: number): Sections {
  const layoutBytes = 4 * (2 * bands + cells + 1);
  const ra = Math.ceil((HEADER_BYTES + layoutBytes) / 8) * 8;
  const dec = ra + 8 * count;
  const mag = dec + 8 * count;
  return { layoutBytes, ra, dec, mag, total: mag + 4 * count };
}

/** An astrometry.net index file, or a folder of them (the one with the most stars is used). */
export type CatalogueSource = { file: string } | { folder: string };

/**
 * The cache file for a source: named by the path, size and modification time of its index files
 * (stat only, no FITS reading), so a changed or added index file means another cache file.
 */
export async function cellFilePath(cacheDir: string, source: CatalogueSource, bandDeg: number): Promise<string> {
  const files = 'file' in source ? [source.file] : (await readdir(source.folder)).filter((n) => /^index-.*\.fits$/.test(n)).sort().map((n) => join(source.folder, n));
  if (files.length === 0) throw new Error(`no astrometry.net index files (index-*.fits) in ${'folder' in source ? source.folder : ''}`);
  const stats = await Promise.all(
    files.map(async (f) => {
      const { size, mtimeMs } = await stat(f);
      return [f, size, mtimeMs];
    }),
  );
  const key = createHash('sha256').update(JSON.stringify([VERSION, HOST_LITTLE_ENDIAN, bandDeg, stats])).digest('hex').slice(0, 24);
  return join(cacheDir, `sky-cells-${key}.bin`);
}

/**
 * Writes the cell file whole under a temporary name and renames it into place: concurrent first
 * users each build and write their own copy, and a reader never sees a half-written file.
 */
export async function writeCellFile(path: string, layout: CellLayout, stars: StarColumns): Promise<void> {
  const bands = layout.cellsInBand.length;
  const cells = layout.cellStart.length - 1;
  const at = sections(bands, cells, layout.count);
  const bytes = Buffer.alloc(at.total);
  bytes.write(MAGIC, 0, 'latin1');
  const header = new Int32Array(bytes.buffer, bytes.byteOffset + 16, 4);
  header.set([VERSION, bands, cells, layout.count]);
  let offset = HEADER_BYTES;
  for (const part of [layout.cellsInBand, layout.firstCellOfBand, layout.cellStart]) {
    bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), offset);
    offset += part.byteLength;
  }
  bytes.set(new Uint8Array(stars.raDeg.buffer, stars.raDeg.byteOffset, stars.raDeg.byteLength), at.ra);
  bytes.set(new Uint8Array(stars.decDeg.buffer, stars.decDeg.byteOffset, stars.decDeg.byteLength), at.dec);
  bytes.set(new Uint8Array(stars.mag.buffer, stars.mag.byteOffset, stars.mag.byteLength), at.mag);
  const folder = join(path, '..');
  await mkdir(folder, { recursive: true });
  const staging = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(staging, bytes);
    await rename(staging, path);
  } finally {
    await rm(staging, { force: true });
  }
}

/** Opens a cell file; null when it is missing, of another version or byte order, or not whole (then it is rebuilt). */
export async function openCellFile(path: string): Promise<CellIndex | null> {
  let fd: number;
  try {
    fd = await openFd(path, 'r');
  } catch {
    return null;
  }
  // A plain descriptor (a FileHandle would warn when collected): it stays open for the
  // process's queries and closes with the process.
  const readAt = async (position: number, length: number) => {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await readFd(fd, buffer, 0, length, position);
    if (bytesRead !== length) throw new Error(`${path}: short read`);
    return buffer;
  };
  try {
    const head = await readAt(0, HEADER_BYTES);
    const [version, bands, cells, count] = new Int32Array(head.buffer, head.byteOffset + 16, 4);
    const at = sections(bands, cells, count);
    if (head.toString('latin1', 0, 16) !== MAGIC || version !== VERSION || bands <= 0 || cells <= 0 || count < 0 || (await fstatFd(fd)).size !== at.total) {
      throw new Error(`${path} is not a whole cell file`);
    }
    const layoutBytes = await readAt(HEADER_BYTES, at.layoutBytes);
    const layout = new Int32Array(layoutBytes.buffer, layoutBytes.byteOffset, at.layoutBytes / 4);
    const cellStart = layout.slice(2 * bands);
    if (cellStart[cells] !== count) throw new Error(`${path}: the cells do not hold ${count} stars`);
    return {
      cellsInBand: layout.slice(0, bands),
      firstCellOfBand: layout.slice(bands, 2 * bands),
      cellStart,
      count,
      starsIn: async (from, to) => {
        const n = to - from;
        const [ra, dec, mag] = await Promise.all([readAt(at.ra + 8 * from, 8 * n), readAt(at.dec + 8 * from, 8 * n), readAt(at.mag + 4 * from, 4 * n)]);
        return { raDeg: new Float64Array(ra.buffer, ra.byteOffset, n), decDeg: new Float64Array(dec.buffer, dec.byteOffset, n), mag: new Float32Array(mag.buffer, mag.byteOffset, n) };
      },
    };
  } catch {
    await closeFd(fd);
    return null;
  }
}
