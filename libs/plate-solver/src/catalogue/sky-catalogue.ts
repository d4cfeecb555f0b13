import { angularSeparationDeg } from '../sky/tangent-plane';
import { indexFilesIn, readIndexStars, type IndexStars } from './astrometry-index';

export interface CatalogueStar {
  raDeg: number;
  decDeg: number;
  mag: number;
}

/** Declination bands one degree high; each band cut into RA cells at least one degree wide on the sky. */
const BAND_DEG = 1;
const BANDS = 180 / BAND_DEG;

interface CellIndex {
  raDeg: Float64Array;
  decDeg: Float64Array;
  mag: Float32Array;
  /** Cells per band and the first cell of each band. */
  cellsInBand: Int32Array;
  firstCellOfBand: Int32Array;
  /** Stars of cell c are at cellStart[c] .. cellStart[c + 1] − 1. */
  cellStart: Int32Array;
}

/**
 * Real stars around a sky position, from the astrometry.net index files the solver uses (Debian's
 * Tycho-2 packages). Loaded on first use, from the index file with the most stars, and indexed
 * into cells so a query reads only the cells around it.
 */
export class SkyCatalogue {
  private index?: Promise<CellIndex>;

  /** `source`: an index file, or a folder to take the index file with the most stars from. */
  constructor(private readonly source: { file: string } | { folder: string }) {}

  static fromIndexFolder(folder: string): SkyCatalogue {
    return new SkyCatalogue({ folder });
  }

  /** Loads the catalogue now (otherwise the first query does). */
  async load(): Promise<{ stars: number; file: string }> {
    const index = await this.cells();
    return { stars: index.raDeg.length, file: await this.file() };
  }

  /** Stars within radiusDeg of (raDeg, decDeg), J2000, brighter than or as bright as maxMagnitude, brightest first. */
  async starsAround(raDeg: number, decDeg: number, radiusDeg: number, maxMagnitude = Infinity): Promise<CatalogueStar[]> {
    const index = await this.cells();
    const found: CatalogueStar[] = [];
    const lowBand = bandOf(Math.max(-90, decDeg - radiusDeg));
    const highBand = bandOf(Math.min(90, decDeg + radiusDeg));
    // RA half-width of the query at its widest declination; past a pole, every RA.
    const widest = Math.max(Math.abs(decDeg - radiusDeg), Math.abs(decDeg + radiusDeg));
    const halfWidth = widest >= 89.999 ? 180 : (Math.asin(Math.min(1, Math.sin((radiusDeg * Math.PI) / 180) / Math.cos((widest * Math.PI) / 180))) * 180) / Math.PI;
    for (let band = lowBand; band <= highBand; band++) {
      const cells = index.cellsInBand[band];
      const cellWidth = 360 / cells;
      const all = halfWidth >= 90 || 2 * halfWidth + cellWidth >= 360;
      const first = all ? 0 : Math.floor((raDeg - halfWidth) / cellWidth);
      const last = all ? cells - 1 : Math.floor((raDeg + halfWidth) / cellWidth);
      for (let c = first; c <= last; c++) {
        const cell = index.firstCellOfBand[band] + (((c % cells) + cells) % cells);
        for (let i = index.cellStart[cell]; i < index.cellStart[cell + 1]; i++) {
          if (index.mag[i] > maxMagnitude) continue;
          if (angularSeparationDeg(raDeg, decDeg, index.raDeg[i], index.decDeg[i]) <= radiusDeg) {
            found.push({ raDeg: index.raDeg[i], decDeg: index.decDeg[i], mag: index.mag[i] });
          }
        }
      }
    }
    return found.sort((a, b) => a.mag - b.mag);
  }

  private async file(): Promise<string> {
    if ('file' in this.source) return this.source.file;
    const files = await indexFilesIn(this.source.folder);
    if (files.length === 0) throw new Error(`no astrometry.net index files (index-*.fits) in ${this.source.folder}: install astrometry-data-tycho2-07 (or another astrometry-data-tycho2-* package)`);
    return files.reduce((best, f) => (f.stars > best.stars ? f : best)).path;
  }

  private cells(): Promise<CellIndex> {
    this.index ??= this.file().then(readIndexStars).then(buildCells);
    // A failed load may be retried (the packages may be installed meanwhile).
    this.index.catch(() => (this.index = undefined));
    return this.index;
  }
}

function bandOf(decDeg: number): number {
  return Math.min(BANDS - 1, Math.floor((decDeg + 90) / BAND_DEG));
}

function cellsIn(band: number): number {
  const edge = Math.max(Math.abs(band * BAND_DEG - 90), Math.abs((band + 1) * BAND_DEG - 90));
  return Math.max(1, Math.floor(360 * Math.cos((Math.min(edge, 90) * Math.PI) / 180)));
}

function buildCells(stars: IndexStars): CellIndex {
  const cellsInBand = new Int32Array(BANDS);
  const firstCellOfBand = new Int32Array(BANDS);
  let total = 0;
  for (let band = 0; band < BANDS; band++) {
    cellsInBand[band] = cellsIn(band);
    firstCellOfBand[band] = total;
    total += cellsInBand[band];
  }
  const cellOf = new Int32Array(stars.count);
  const cellStart = new Int32Array(total + 1);
  for (let i = 0; i < stars.count; i++) {
    const band = bandOf(stars.decDeg[i]);
    const cells = cellsInBand[band];
    cellOf[i] = firstCellOfBand[band] + Math.min(cells - 1, Math.floor((stars.raDeg[i] / 360) * cells));
    cellStart[cellOf[i] + 1]++;
  }
  for (let c = 0; c < total; c++) cellStart[c + 1] += cellStart[c];
  // Counting sort: stars of one cell side by side.
  const next = cellStart.slice(0, total);
  const raDeg = new Float64Array(stars.count);
  const decDeg = new Float64Array(stars.count);
  const mag = new Float32Array(stars.count);
  for (let i = 0; i < stars.count; i++) {
    const at = next[cellOf[i]]++;
    raDeg[at] = stars.raDeg[i];
    decDeg[at] = stars.decDeg[i];
    mag[at] = stars.mag[i];
  }
  return { raDeg, decDeg, mag, cellsInBand, firstCellOfBand, cellStart };
}
