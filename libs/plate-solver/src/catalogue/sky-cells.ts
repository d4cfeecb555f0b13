import { angularSeparationDeg } from '../sky/tangent-plane';
import type { CellIndex, CellLayout, StarColumns } from './cell-file';

/*
 * The catalogue's cell index and its region query. No FITS reading here (that brings @app/core),
 * so a short-lived process with a cell file (test/integration/bin/gsc) loads only this and cell-file.
 */

export interface CatalogueStar {
  raDeg: number;
  decDeg: number;
  mag: number;
}

/** Declination bands one degree high; each band cut into RA cells at least one degree wide on the sky. */
export const BAND_DEG = 1;
const BANDS = 180 / BAND_DEG;

/** Stars of the index within radiusDeg of (raDeg, decDeg), brighter than or as bright as maxMagnitude, brightest first. */
export async function starsAroundIn(index: CellIndex, raDeg: number, decDeg: number, radiusDeg: number, maxMagnitude = Infinity): Promise<CatalogueStar[]> {
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
      if (index.cellStart[cell] === index.cellStart[cell + 1]) continue;
      const stars = await index.starsIn(index.cellStart[cell], index.cellStart[cell + 1]);
      for (let i = 0; i < stars.raDeg.length; i++) {
        if (stars.mag[i] > maxMagnitude) continue;
        if (angularSeparationDeg(raDeg, decDeg, stars.raDeg[i], stars.decDeg[i]) <= radiusDeg) {
          found.push({ raDeg: stars.raDeg[i], decDeg: stars.decDeg[i], mag: stars.mag[i] });
        }
      }
    }
  }
  return found.sort((a, b) => a.mag - b.mag);
}

function bandOf(decDeg: number): number {
  return Math.min(BANDS - 1, Math.floor((decDeg + 90) / BAND_DEG));
}

function cellsIn(band: number): number {
  const edge = Math.max(Math.abs(band * BAND_DEG - 90), Math.abs((band + 1) * BAND_DEG - 90));
  return Math.max(1, Math.floor(360 * Math.cos((Math.min(edge, 90) * Math.PI) / 180)));
}

export function inMemoryIndex({ layout, stars }: { layout: CellLayout; stars: StarColumns }): CellIndex {
  return { ...layout, starsIn: (from, to) => ({ raDeg: stars.raDeg.subarray(from, to), decDeg: stars.decDeg.subarray(from, to), mag: stars.mag.subarray(from, to) }) };
}

/** Sorts the stars into cells (counting sort: the stars of one cell side by side). */
export function buildCells(stars: { count: number } & StarColumns): { layout: CellLayout; stars: StarColumns } {
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
  return { layout: { cellsInBand, firstCellOfBand, cellStart, count: stars.count }, stars: { raDeg, decDeg, mag } };
}
