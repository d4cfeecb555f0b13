import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { listHdus, readColumnBytes, readNumericColumn, type FitsHdu } from './fits-tables';

/**
 * Star positions and magnitudes from an astrometry.net index file. Such a file holds the stars of
 * its catalogue (Debian's astrometry-data-tycho2-*: Tycho-2, uniformised over the sky) as a k-d
 * tree: `kdtree_data_stars` stores each star as a unit vector (x, y, z), in native-endian u32 or
 * double, `kdtree_range_stars` how to turn u32 back into doubles (min[3], max[3], scale), and a
 * tag-along column the magnitude (Tycho-2 `MAG_VT`), row for row in the same order.
 */

// Local bindings: global lookups are slow inside the vm contexts test runners use, and these run per star.
const { atan2, asin, sqrt, max, min } = Math;
const DEG = 180 / Math.PI;
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface IndexStars {
  count: number;
  raDeg: Float64Array;
  decDeg: Float64Array;
  mag: Float32Array;
  /** The tag-along column the magnitudes came from. */
  magnitudeColumn: string;
}

function tableNamed(hdus: FitsHdu[], name: string): FitsHdu | undefined {
  return hdus.find((h) => h.keywords.XTENSION === 'BINTABLE' && String(h.keywords.TTYPE1 ?? '').trim() === name);
}

function required(hdus: FitsHdu[], name: string, path: string): FitsHdu {
  const hdu = tableNamed(hdus, name);
  if (!hdu) throw new Error(`${path} is not an astrometry.net index file with stars (no ${name} table)`);
  return hdu;
}

/** Reads every star of one index file. */
export async function readIndexStars(path: string): Promise<IndexStars> {
  const hdus = await listHdus(path);
  const littleEndian = String(hdus[0].keywords.ENDIAN ?? '04:03:02:01').trim() === '04:03:02:01';
  const header = required(hdus, 'kdtree_header_stars', path);
  const dataType = String(header.keywords.KDT_DATA ?? '').trim();
  if (header.keywords.KDT_NDIM !== 3) throw new Error(`${path}: the star tree is not 3-dimensional`);
  const magnitudeHdu = hdus.find((h) => /^MAG/i.test(String(h.keywords.TTYPE1 ?? '').trim()) && h.keywords.TFIELDS === 1);
  if (!magnitudeHdu) throw new Error(`${path} has no magnitude column (build the index with a tag-along MAG column)`);
  const magnitudeColumn = String(magnitudeHdu.keywords.TTYPE1).trim();

  const range = (await readColumnBytes(path, required(hdus, 'kdtree_range_stars', path), 'kdtree_range_stars')).bytes;
  const data = await readColumnBytes(path, required(hdus, 'kdtree_data_stars', path), 'kdtree_data_stars');
  const count = data.rows;
  const xyz = unitVectors(data.bytes, dataType, littleEndian, range, path);
  const raDeg = new Float64Array(count);
  const decDeg = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const x = xyz[3 * i];
    const y = xyz[3 * i + 1];
    const z = xyz[3 * i + 2];
    const ra = atan2(y, x) * DEG;
    raDeg[i] = ra < 0 ? ra + 360 : ra;
    decDeg[i] = asin(max(-1, min(1, z / sqrt(x * x + y * y + z * z)))) * DEG;
  }
  const magnitudes = await readNumericColumn(path, magnitudeHdu, magnitudeColumn);
  if (magnitudes.length !== count) throw new Error(`${path}: ${magnitudes.length} magnitudes for ${count} stars`);
  return { count, raDeg, decDeg, mag: Float32Array.from(magnitudes as Float32Array), magnitudeColumn };
}

/** The stars' unit vectors, decoded from the tree's u32 (scaled) or double storage. */
function unitVectors(bytes: Buffer, dataType: string, littleEndian: boolean, range: Buffer, path: string): Float64Array {
  if (dataType === 'double') return native(bytes, littleEndian, 8, (buffer) => new Float64Array(buffer));
  if (dataType !== 'u32') throw new Error(`${path}: star data of type "${dataType}" are not supported (u32 or double)`);
  const rangeView = new DataView(range.buffer, range.byteOffset, range.byteLength);
  const low = [0, 1, 2].map((d) => rangeView.getFloat64(d * 8, littleEndian));
  const inverseScale = 1 / rangeView.getFloat64(6 * 8, littleEndian);
  const raw = native(bytes, littleEndian, 4, (buffer) => new Uint32Array(buffer));
  const values = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) values[i] = low[i % 3] + raw[i] * inverseScale;
  return values;
}

/** A typed array over a copy of the bytes, swapped to the host's byte order when the file's differs. */
function native<T>(bytes: Buffer, littleEndian: boolean, size: 4 | 8, view: (buffer: ArrayBuffer) => T): T {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  if (littleEndian !== HOST_LITTLE_ENDIAN) Buffer.from(copy.buffer)[size === 4 ? 'swap32' : 'swap64']();
  return view(copy.buffer);
}

/** Index files in a folder (astrometry.net names them index-*.fits), each with its star count. */
export async function indexFilesIn(folder: string): Promise<{ path: string; stars: number }[]> {
  const names = (await readdir(folder)).filter((name) => /^index-.*\.fits$/.test(name)).sort();
  const files: { path: string; stars: number }[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const [primary] = await listHdus(path, 1);
    files.push({ path, stars: typeof primary.keywords.NSTARS === 'number' ? primary.keywords.NSTARS : 0 });
  }
  return files;
}
