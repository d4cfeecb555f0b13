import { mkdtemp, readdir, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEBIAN_INDEX_DIR, astrometryMissing } from '../../test/astrometry-fixture';
import { cellFilePath, openCellFile, writeCellFile } from './cell-file';
import { SkyCatalogue } from './sky-catalogue';

const missing = astrometryMissing();
if (missing) console.warn(`cached sky catalogue specs on the real index skipped: ${missing}`);
const withIndexFiles = missing ? describe.skip : describe;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skygate-cells-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('cell files', () => {
  const layout = { cellsInBand: Int32Array.from([2]), firstCellOfBand: Int32Array.from([0]), cellStart: Int32Array.from([0, 1, 3]), count: 3 };
  const stars = { raDeg: Float64Array.from([10.5, 200.25, 359.125]), decDeg: Float64Array.from([-1, 2, 3.5]), mag: Float32Array.from([9.5, 11, 7.25]) };

  it('round-trips the layout and reads any run of stars', async () => {
    const path = join(dir, 'small.bin');
    await writeCellFile(path, layout, stars);
    const index = (await openCellFile(path))!;
    expect([...index.cellStart]).toEqual([0, 1, 3]);
    expect(index.count).toBe(3);
    const run = await index.starsIn(1, 3);
    expect([...run.raDeg, ...run.decDeg, ...run.mag]).toEqual([200.25, 359.125, 2, 3.5, 11, 7.25]);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a truncated or foreign file (it is rebuilt) and a missing one', async () => {
    const path = join(dir, 'cut.bin');
    await writeCellFile(path, layout, stars);
    await truncate(path, (await stat(path)).size - 4);
    expect(await openCellFile(path)).toBeNull();
    await writeFile(path, 'not a cell file at all, just text');
    expect(await openCellFile(path)).toBeNull();
    expect(await openCellFile(join(dir, 'absent.bin'))).toBeNull();
  });

  it('names the cache file after the index files\' paths, sizes and modification times', async () => {
    const folder = await mkdtemp(join(dir, 'indexes-'));
    const source = join(folder, 'index-x.fits');
    await writeFile(source, 'x');
    const first = await cellFilePath(dir, { file: source }, 1);
    const ofFolder = await cellFilePath(dir, { folder }, 1);
    expect(await cellFilePath(dir, { file: source }, 1)).toBe(first);
    await utimes(source, new Date(), new Date(Date.now() + 5000));
    expect(await cellFilePath(dir, { file: source }, 1)).not.toBe(first);
    expect(await cellFilePath(dir, { folder }, 1)).not.toBe(ofFolder);
    const touched = await cellFilePath(dir, { folder }, 1);
    await writeFile(join(folder, 'index-y.fits'), 'y');
    expect(await cellFilePath(dir, { folder }, 1)).not.toBe(touched);
    expect(await cellFilePath(dir, { file: source }, 2)).not.toBe(await cellFilePath(dir, { file: source }, 1));
  });
});

withIndexFiles('SkyCatalogue cached in a cell file, against the whole catalogue in memory', () => {
  const memory = SkyCatalogue.fromIndexFolder(DEBIAN_INDEX_DIR);
  let cacheDir: string;

  beforeAll(async () => {
    cacheDir = join(dir, 'cache');
    // Two first users at once: each builds, both rename a whole file into place.
    const [a, b] = await Promise.all([SkyCatalogue.fromIndexFolder(DEBIAN_INDEX_DIR, { cacheDir }).load(), SkyCatalogue.fromIndexFolder(DEBIAN_INDEX_DIR, { cacheDir }).load()]);
    expect(a).toEqual(b);
    expect(a).toEqual(await memory.load());
  }, 120_000);

  it('leaves one whole cache file', async () => {
    const names = await readdir(cacheDir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^sky-cells-[0-9a-f]{24}\.bin$/);
  });

  // The INDI CCD simulator's queries: its field radius in arcminutes, magnitude 17 (or 11 past 60′).
  it.each([
    ['Orion', 83.8, -5.4, 1.02, 11],
    ['M31', 10.6847, 41.269, 0.8, 17],
    ['just west of RA 0h', 359.7, 10, 1.02, 11],
    ['just east of RA 0h', 0.2, -30, 0.8, Infinity],
    ['the north celestial pole', 120, 89.6, 1.02, 11],
    ['the south celestial pole', 300, -89.95, 0.6, 17],
    ['a wide field', 200, 30, 5, 9],
  ])('%s: the same stars in the same order', async (_name, ra, dec, radius, mag) => {
    const cached = SkyCatalogue.fromIndexFolder(DEBIAN_INDEX_DIR, { cacheDir });
    const expected = await memory.starsAround(ra, dec, radius, mag);
    expect(expected.length).toBeGreaterThan(3);
    expect(await cached.starsAround(ra, dec, radius, mag)).toEqual(expected);
  });

  it('rebuilds a damaged cache file', async () => {
    const [name] = await readdir(cacheDir);
    await truncate(join(cacheDir, name), 1000);
    const cached = SkyCatalogue.fromIndexFolder(DEBIAN_INDEX_DIR, { cacheDir });
    expect(await cached.starsAround(83.8, -5.4, 1, 11)).toEqual(await memory.starsAround(83.8, -5.4, 1, 11));
    expect((await stat(join(cacheDir, name))).size).toBeGreaterThan(30_000_000);
  }, 60_000);
});
