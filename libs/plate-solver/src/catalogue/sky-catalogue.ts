import { indexFilesIn, readIndexStars } from './astrometry-index';
import { cellFilePath, type CatalogueSource, type CellIndex, openCellFile, writeCellFile } from './cell-file';
import { BAND_DEG, buildCells, type CatalogueStar, inMemoryIndex, starsAroundIn } from './sky-cells';

export type { CatalogueStar } from './sky-cells';

export interface SkyCatalogueOptions {
  /**
   * A folder for the built cell index as a file (see cell-file.ts), for short-lived processes:
   * built once per source, then each query reads only its cells. Without it the whole catalogue
   * is read into memory on first use.
   */
  cacheDir?: string;
}

/**
 * Real stars around a sky position, from the astrometry.net index files the solver uses (Debian's
 * Tycho-2 packages). Loaded on first use, from the index file with the most stars, and indexed
 * into cells so a query reads only the cells around it.
 */
export class SkyCatalogue {
  private index?: Promise<CellIndex>;

  /** `source`: an index file, or a folder to take the index file with the most stars from. */
  constructor(
    private readonly source: CatalogueSource,
    private readonly options: SkyCatalogueOptions = {},
  ) {}

  static fromIndexFolder(folder: string, options: SkyCatalogueOptions = {}): SkyCatalogue {
    return new SkyCatalogue({ folder }, options);
  }

  /** Loads the catalogue now (otherwise the first query does). */
  async load(): Promise<{ stars: number; file: string }> {
    const index = await this.cells();
    return { stars: index.count, file: await this.file() };
  }

  /** Stars within radiusDeg of (raDeg, decDeg), J2000, brighter than or as bright as maxMagnitude, brightest first. */
  async starsAround(raDeg: number, decDeg: number, radiusDeg: number, maxMagnitude = Infinity): Promise<CatalogueStar[]> {
    return starsAroundIn(await this.cells(), raDeg, decDeg, radiusDeg, maxMagnitude);
  }

  private async file(): Promise<string> {
    if ('file' in this.source) return this.source.file;
    const files = await indexFilesIn(this.source.folder);
    if (files.length === 0) throw new Error(`no astrometry.net index files (index-*.fits) in ${this.source.folder}: install astrometry-data-tycho2-07 (or another astrometry-data-tycho2-* package)`);
    return files.reduce((best, f) => (f.stars > best.stars ? f : best)).path;
  }

  private cells(): Promise<CellIndex> {
    const cacheDir = this.options.cacheDir;
    this.index ??= cacheDir ? this.cachedCells(cacheDir) : this.builtCells();
    // A failed load may be retried (the packages may be installed meanwhile).
    this.index.catch(() => (this.index = undefined));
    return this.index;
  }

  private async builtCells(): Promise<CellIndex & ReturnType<typeof buildCells>> {
    const built = buildCells(await readIndexStars(await this.file()));
    return { ...inMemoryIndex(built), ...built };
  }

  /** The source's cell file in the cache folder, built (from the index file) when missing or stale. */
  private async cachedCells(cacheDir: string): Promise<CellIndex> {
    const path = await cellFilePath(cacheDir, this.source, BAND_DEG);
    const cached = await openCellFile(path);
    if (cached) return cached;
    const built = await this.builtCells();
    try {
      await writeCellFile(path, built.layout, built.stars);
    } catch {
      // An unwritable cache folder only costs the next process the build again.
      return built;
    }
    return (await openCellFile(path)) ?? built;
  }
}
