import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { angularSeparationDeg } from '../sky/tangent-plane';
import { DEBIAN_INDEX_DIR, astrometryMissing } from '../../test/astrometry-fixture';
import { readIndexStars } from './astrometry-index';
import { SkyCatalogue } from './sky-catalogue';

const missing = astrometryMissing();
if (missing) console.warn(`sky catalogue specs skipped: ${missing}`);
const withIndexFiles = missing ? describe.skip : describe;

/** astrometry.net's own reader of the same file: `query-starkd` prints RA, Dec and the tag-along magnitude. */
function queryStarkd(file: string, raDeg: number, decDeg: number, radiusDeg: number): { raDeg: number; decDeg: number; mag: number }[] {
  const out = execFileSync('query-starkd', ['-r', String(raDeg), '-d', String(decDeg), '-R', String(radiusDeg), '-t', 'MAG_VT', file], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => /^-?\d/.test(line))
    .map((line) => line.split(',').map(Number))
    .map(([ra, dec, mag]) => ({ raDeg: ra, decDeg: dec, mag }));
}

withIndexFiles('SkyCatalogue on Debian\'s Tycho-2 index files', () => {
  const catalogue = SkyCatalogue.fromIndexFolder(DEBIAN_INDEX_DIR);
  let file: string;

  beforeAll(async () => {
    ({ file } = await catalogue.load());
  });

  it('loads the index file with the most stars (the finest scale installed)', async () => {
    const { stars } = await catalogue.load();
    expect(stars).toBeGreaterThan(500_000);
    expect(file.startsWith(join(DEBIAN_INDEX_DIR, 'index-'))).toBe(true);
  });

  it.each([
    ['Orion', 83.8, -5.4, 0.5],
    ['across RA 0h', 0.1, 20, 0.6],
    ['the north celestial pole', 45, 89.7, 0.5],
    ['the south celestial pole', 300, -89.9, 0.3],
  ])('finds the same stars as astrometry.net\'s query-starkd around %s', async (_name, ra, dec, radius) => {
    const ours = await catalogue.starsAround(ra, dec, radius);
    const theirs = queryStarkd(file, ra, dec, radius);
    expect(ours.length).toBeGreaterThan(0);
    // query-starkd prints 6 significant digits (0.001° at RA 359°) and 4 for magnitudes; stars on the edge may fall either side.
    const inside = theirs.filter((s) => angularSeparationDeg(ra, dec, s.raDeg, s.decDeg) < radius - 0.001);
    for (const star of inside) {
      const match = ours.find((o) => angularSeparationDeg(o.raDeg, o.decDeg, star.raDeg, star.decDeg) < 0.002 && Math.abs(o.mag - star.mag) < 0.01);
      expect(match).toBeDefined();
    }
    expect(Math.abs(ours.length - theirs.length)).toBeLessThanOrEqual(theirs.length - inside.length);
    for (const star of ours) expect(angularSeparationDeg(ra, dec, star.raDeg, star.decDeg)).toBeLessThanOrEqual(radius);
  });

  it('returns the brightest first and honours the magnitude limit', async () => {
    const all = await catalogue.starsAround(83.8, -5.4, 1);
    const bright = await catalogue.starsAround(83.8, -5.4, 1, 8);
    const magnitudes = all.map((s) => s.mag);
    expect(magnitudes).toEqual(magnitudes.slice().sort((a, b) => a - b));
    expect(bright.length).toBeGreaterThan(0);
    expect(bright.length).toBeLessThan(all.length);
    expect(bright.every((s) => s.mag <= 8)).toBe(true);
    // Alnitak (ζ Ori, V ≈ 1.8) is at 85.19°, −1.94°.
    const alnitak = (await catalogue.starsAround(85.19, -1.94, 0.05))[0];
    expect(alnitak.mag).toBeLessThan(2.5);
  });

  it('reads every star of an index file with a position on the sphere and a magnitude', async () => {
    const stars = await readIndexStars(file);
    expect(stars.magnitudeColumn).toBe('MAG_VT');
    let bad = 0;
    for (let i = 0; i < stars.count; i += 997) if (!(stars.raDeg[i] >= 0 && stars.raDeg[i] < 360 && Math.abs(stars.decDeg[i]) <= 90 && stars.mag[i] > -2 && stars.mag[i] < 16)) bad++;
    expect(bad).toBe(0);
  });
});

describe('SkyCatalogue without index files', () => {
  it('says which package to install', async () => {
    await expect(SkyCatalogue.fromIndexFolder(__dirname).starsAround(0, 0, 1)).rejects.toThrow(/no astrometry.net index files .*install astrometry-data-tycho2-07/);
  });
});
