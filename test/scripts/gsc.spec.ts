import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEBIAN_INDEX_DIR, astrometryMissing } from '../../libs/plate-solver/test/astrometry-fixture';

const GSC = join(__dirname, '../integration/bin/gsc');
const BUILT = join(__dirname, '../../dist/libs/plate-solver/src/catalogue/sky-catalogue.js');
const missing = astrometryMissing() ?? (existsSync(BUILT) ? null : 'the plate-solver lib is not built (npm run build)');
if (missing) console.warn(`gsc stand-in specs skipped: ${missing}`);
const withCatalogue = missing ? describe.skip : describe;

/**
 * test/integration/bin/gsc, the INDI simulators' star lookup, with its cell-file cache and without
 * (SKYGATE_GSC_CACHE=off: the whole index file read per call, as before the cache): the same
 * output byte for byte.
 */
withCatalogue('the gsc stand-in with its cell-file cache', () => {
  let cacheDir: string;
  const gsc = async (args: string[], env: Record<string, string>) =>
    (await promisify(execFile)(GSC, args, { env: { ...process.env, ASTROMETRY_INDEX_DIR: DEBIAN_INDEX_DIR, ...env }, maxBuffer: 16 * 1024 * 1024 })).stdout;

  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'skygate-gsc-'));
  });
  afterAll(() => rm(cacheDir, { recursive: true, force: true }));

  // As the CCD simulator asks: `gsc -c <ra> <dec> -r <radius′> -m 0 <maglimit> -n 3000`.
  it.each([
    ['Orion, a 240 mm field', '83.800000', '-5.400000', '61.1', '11.00'],
    ['across RA 0h from the west', '359.800000', '+20.000000', '45.0', '17.00'],
    ['across RA 0h from the east', '0.150000', '-12.000000', '61.1', '11.00'],
    ['the north celestial pole', '37.954000', '+89.264000', '61.1', '11.00'],
    ['the south celestial pole', '250.000000', '-89.900000', '30.0', '17.00'],
  ])('%s: the same lines as without the cache', async (_name, ra, dec, radius, mag) => {
    const args = ['-c', ra, dec, '-r', radius, '-m', '0', mag, '-n', '3000'];
    const [cached, whole] = await Promise.all([gsc(args, { SKYGATE_GSC_CACHE_DIR: cacheDir }), gsc(args, { SKYGATE_GSC_CACHE: 'off' })]);
    expect(cached).toBe(whole);
    const lines = cached.trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    // The 12 columns the simulators' sscanf reads.
    expect(lines[0]).toMatch(/^SK\d{8} \d+\.\d{6} -?\d+\.\d{6} 0\.2 \d+\.\d\d 0\.2 0 0 SKGT 00 0\.0 0$/);
    expect((await readdir(cacheDir)).filter((n) => n.startsWith('sky-cells-'))).toHaveLength(1);
  }, 120_000);

  it('caps the star count with -n, brightest first', async () => {
    const out = await gsc(['-c', '83.8', '-5.4', '-r', '61.1', '-m', '0', '17', '-n', '5'], { SKYGATE_GSC_CACHE_DIR: cacheDir });
    const mags = out.trim().split('\n').map((line) => Number(line.split(' ')[4]));
    expect(mags).toHaveLength(5);
    expect([...mags].sort((a, b) => a - b)).toEqual(mags);
  });
});
