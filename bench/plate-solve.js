// Plate-solve time of one rendered frame (the simulator's optics: 480 mm, 1280×1024 × 3.76 µm, Orion),
// with a position hint (2° radius) and blind (scale only), interleaved; median of N each and the ratio
// blind / hinted. Needs astrometry.net and the Tycho-2 index files (apt-get install astrometry.net
// astrometry-data-tycho2-07 astrometry-data-tycho2-08 astrometry-data-tycho2-09).
// Usage: npm run build && node bench/plate-solve.js [rounds]
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { AstrometryNetSolver, SkyCatalogue, arcsecPerPixel, checkInstallation, fieldRadiusDeg, renderStarField, scaleBracket } = require('../dist/libs/plate-solver/src');
const { encodeFits } = require('../dist/libs/equipment/src');

const DEBIAN_INDEX_DIR = process.env.ASTROMETRY_INDEX_DIR || '/usr/share/astrometry';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const rounds = Number(process.argv[2] || 10);
  await checkInstallation('solve-field', DEBIAN_INDEX_DIR); // throws naming the package to install
  const dir = mkdtempSync(join(tmpdir(), 'skygate-bench-solve-'));
  try {
    const catalogue = SkyCatalogue.fromIndexFolder(DEBIAN_INDEX_DIR);
    let started = Date.now();
    const { stars, file } = await catalogue.load();
    console.log(`catalogue: ${stars} stars from ${file}, loaded in ${Date.now() - started} ms`);
    const frame = { raDeg: 83.8, decDeg: -5.4, rotationDeg: 37, arcsecPerPixel: arcsecPerPixel(480, 3.76), width: 1280, height: 1024 };
    started = Date.now();
    const field = renderStarField({ ...frame, stars: await catalogue.starsAround(frame.raDeg, frame.decDeg, fieldRadiusDeg(frame.width, frame.height, frame.arcsecPerPixel)) });
    console.log(`render: ${field.placed.length} stars on the frame in ${Date.now() - started} ms`);
    const path = join(dir, 'frame.fits');
    writeFileSync(path, encodeFits(field.width, field.height, field.pixels, []));

    const solver = new AstrometryNetSolver({ indexDir: DEBIAN_INDEX_DIR, timeoutSeconds: 120, workDir: dir });
    const scale = scaleBracket(frame.arcsecPerPixel);
    const kinds = {
      hint: { fitsPath: path, scale, position: { raDeg: frame.raDeg + 0.3, decDeg: frame.decDeg - 0.2, radiusDeg: 2 } },
      blind: { fitsPath: path, scale },
    };
    const times = { hint: [], blind: [] };
    for (let round = 1; round <= rounds; round++) {
      for (const [kind, request] of Object.entries(kinds)) {
        const result = await solver.solve(request);
        if (!result.success) throw new Error(`${kind} solve failed: ${result.reason}`);
        times[kind].push(result.durationMs);
        process.stderr.write(`round ${round} ${kind}: ${result.durationMs} ms\n`);
      }
    }
    const hint = median(times.hint);
    const blind = median(times.blind);
    console.log(`\n${new Date().toISOString().slice(0, 10)}, solve-field on a 1280×1024 frame at 1.62″/px, median of ${rounds}`);
    console.log('| solve | median ms | vs hinted |');
    console.log('|---|---|---|');
    console.log(`| with a position hint (2°) | ${hint} | 1.00 |`);
    console.log(`| blind (scale only) | ${blind} | ${(blind / hint).toFixed(2)} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
