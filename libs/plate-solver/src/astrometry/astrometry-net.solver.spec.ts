import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SkyCatalogue } from '../catalogue/sky-catalogue';
import { arcsecPerPixel, scaleBracket } from '../plate-scale';
import { PlateSolverUnavailableError, type PlateSolution, type PlateSolveResult } from '../plate-solver.port';
import { fieldRadiusDeg, renderStarField, type StarFieldRequest } from '../render/star-field';
import { angularSeparationDeg } from '../sky/tangent-plane';
import { DEBIAN_INDEX_DIR, astrometryMissing, processesMatching, topLevelProcessesMatching } from '../../test/astrometry-fixture';
import { encodeFits16 } from '../../test/fits-image';
import { AstrometryNetSolver } from './astrometry-net.solver';

// The simulator's optics: 480 mm focal length, 1280×1024 pixels of 3.76 µm (34.5′ × 27.6′).
const FOCAL_MM = 480;
const PIXEL_UM = 3.76;
const missing = astrometryMissing();
if (missing) console.warn(`astrometry.net specs skipped: ${missing}`);
const withAstrometry = missing ? describe.skip : describe;

interface Frame {
  path: string;
  request: Omit<StarFieldRequest, 'stars'>;
}

let dir: string;
let catalogue: SkyCatalogue;
let frames = 0;

async function renderFrame(raDeg: number, decDeg: number, rotationDeg: number, binning: number, extra: Partial<StarFieldRequest> = {}): Promise<Frame> {
  const scale = arcsecPerPixel(FOCAL_MM, PIXEL_UM, binning);
  const request = { raDeg, decDeg, rotationDeg, arcsecPerPixel: scale, width: Math.floor(1280 / binning), height: Math.floor(1024 / binning), noiseSeed: ++frames, ...extra };
  const stars = await catalogue.starsAround(raDeg, decDeg, fieldRadiusDeg(request.width, request.height, scale));
  const field = renderStarField({ stars, ...request });
  const path = join(dir, `frame-${frames}.fits`);
  await writeFile(path, encodeFits16(field.pixels, field.width, field.height));
  return { path, request };
}

/** Stars at random places around a position: real-looking frames that match no sky, so a solve keeps searching. */
function unsolvableStars(raDeg: number, decDeg: number): StarFieldRequest['stars'] {
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: 80 }, () => ({ raDeg: raDeg + (random() - 0.5) * 0.8, decDeg: decDeg + (random() - 0.5) * 0.6, mag: 7 + random() * 5 }));
}

function solved(result: PlateSolveResult): PlateSolution {
  if (!result.success) throw new Error(`expected a solution, got: ${result.reason}`);
  return result.solution;
}

function expectSolutionMatches(solution: PlateSolution, frame: Frame): void {
  const { request } = frame;
  expect(angularSeparationDeg(solution.raDeg, solution.decDeg, request.raDeg, request.decDeg) * 3600).toBeLessThan(3);
  expect(Math.abs(((solution.positionAngleDeg - request.rotationDeg + 540) % 360) - 180)).toBeLessThan(0.5);
  expect(Math.abs(solution.arcsecPerPixel / request.arcsecPerPixel - 1)).toBeLessThan(0.01);
  expect(solution.flipped).toBe(request.flipped ?? false);
  expect(solution.imageWidth).toBe(request.width);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skygate-plate-solver-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('AstrometryNetSolver without an installation', () => {
  it('names the Debian package when the index folder is missing, without starting a process', async () => {
    const solver = new AstrometryNetSolver({ indexDir: join(dir, 'no-index-here'), timeoutSeconds: 10, solveField: process.execPath });
    const attempt = solver.solve({ fitsPath: join(dir, 'any.fits') });
    await expect(attempt).rejects.toBeInstanceOf(PlateSolverUnavailableError);
    await expect(attempt).rejects.toThrow(/ASTROMETRY_INDEX_DIR\) does not exist: apt-get install astrometry-data-tycho2/);
  });

  it('names the Debian package when the index folder holds no index files', async () => {
    const solver = new AstrometryNetSolver({ indexDir: dir, timeoutSeconds: 10, solveField: process.execPath });
    await expect(solver.solve({ fitsPath: join(dir, 'any.fits') })).rejects.toThrow(/no astrometry.net index files .*apt-get install astrometry-data-tycho2/);
  });

  it('names the Debian package when solve-field is missing', async () => {
    const solver = new AstrometryNetSolver({ indexDir: dir, timeoutSeconds: 10, solveField: join(dir, 'bin', 'solve-field') });
    await expect(solver.solve({ fitsPath: join(dir, 'any.fits') })).rejects.toThrow(/solve-field is not installed: apt-get install astrometry.net/);
  });
});

withAstrometry('AstrometryNetSolver on real astrometry.net and Tycho-2 index files', () => {
  let workDir: string;
  let solver: AstrometryNetSolver;
  const solveFieldProcesses = () => topLevelProcessesMatching(`solve-field .*${workDir}`);

  beforeAll(async () => {
    catalogue = SkyCatalogue.fromIndexFolder(DEBIAN_INDEX_DIR);
    await catalogue.load();
    workDir = join(dir, 'work');
    solver = new AstrometryNetSolver({ indexDir: DEBIAN_INDEX_DIR, timeoutSeconds: 60, workDir });
  });

  const cases: [string, number, number, number, number, boolean][] = [
    ['Orion, rotation 0°, binning 1', 83.8, -5.4, 0, 1, false],
    ['across RA 0h/24h, rotation 37°, binning 2', 359.9, 20, 37, 2, false],
    ['1.4° from the north celestial pole, rotation 145°, binning 1', 260, 88.6, 145, 1, false],
    ['a mirrored frame, rotation 145°, binning 2', 192.85, 27.1, 145, 2, true],
  ];

  it.each(cases)('%s: solves with a position hint', async (_name, ra, dec, rotation, binning, flipped) => {
    const frame = await renderFrame(ra, dec, rotation, binning, { flipped });
    const result = await solver.solve({
      fitsPath: frame.path,
      scale: scaleBracket(frame.request.arcsecPerPixel),
      position: { raDeg: ra + 0.2, decDeg: Math.min(89.9, dec + 0.2), radiusDeg: 2 },
    });
    expectSolutionMatches(solved(result), frame);
  });

  it.each(cases)('%s: solves blind (scale only)', async (_name, ra, dec, rotation, binning, flipped) => {
    const frame = await renderFrame(ra, dec, rotation, binning, { flipped });
    const result = await solver.solve({ fitsPath: frame.path, scale: scaleBracket(frame.request.arcsecPerPixel) });
    expectSolutionMatches(solved(result), frame);
  });

  it('returns WCS cards that astrometry.net itself (wcsinfo) reads as the same centre, angle and scale', async () => {
    const frame = await renderFrame(83.8, -5.4, 37, 1);
    const solution = solved(await solver.solve({ fitsPath: frame.path, scale: scaleBracket(frame.request.arcsecPerPixel) }));
    const cards = [
      ['SIMPLE', 'T'], ['BITPIX', '8'], ['NAXIS', '0'], ['IMAGEW', String(solution.imageWidth)], ['IMAGEH', String(solution.imageHeight)],
      ...solution.wcsCards.map((c) => [c.key, typeof c.value === 'string' ? `'${c.value}'` : typeof c.value === 'boolean' ? (c.value ? 'T' : 'F') : String(c.value)]),
    ].map(([key, value]) => `${key.padEnd(8)}= ${value.padStart(20)}`.padEnd(80));
    const text = [...cards, 'END'.padEnd(80)].join('');
    const wcsPath = join(dir, 'solution.wcs');
    await writeFile(wcsPath, Buffer.from(text.padEnd(Math.ceil(text.length / 2880) * 2880), 'latin1'));
    const info = Object.fromEntries(execFileSync('wcsinfo', [wcsPath], { encoding: 'utf8' }).trim().split('\n').map((line) => line.split(' ')));
    expect(Number(info.ra_center)).toBeCloseTo(solution.raDeg, 5);
    expect(Number(info.dec_center)).toBeCloseTo(solution.decDeg, 5);
    expect(Number(info.pixscale)).toBeCloseTo(solution.arcsecPerPixel, 3);
    // N.I.N.A.'s LocalPlateSolver: PositionAngle = orientation_center − 180.
    expect(Math.abs(((Number(info.orientation_center) - 180 - solution.positionAngleDeg + 540) % 360) - 180)).toBeLessThan(0.01);
  });

  it('fails a frame without stars with astrometry.net\'s reason, within the timeout', async () => {
    const frame = await renderFrame(83.8, -5.4, 0, 1, { fluxAtMag10: 0 });
    const result = await solver.solve({ fitsPath: frame.path, scale: scaleBracket(frame.request.arcsecPerPixel), timeoutSeconds: 30 });
    expect(result).toMatchObject({ success: false, reason: expect.stringMatching(/^astrometry.net (did not solve the frame|found no stars)/) });
    expect(result.durationMs).toBeLessThan(30_000);
  });

  it('fails a frame of pure noise with astrometry.net\'s reason, within the timeout', async () => {
    const frame = await renderFrame(83.8, -5.4, 0, 1, { fluxAtMag10: 0, background: 20_000, noise: 6_000 });
    const result = await solver.solve({ fitsPath: frame.path, timeoutSeconds: 30 });
    expect(result).toMatchObject({ success: false, reason: 'astrometry.net found no stars in the frame (no pixels were marked as significant)' });
    expect(result.durationMs).toBeLessThan(30_000);
  });

  it('stops at the timeout: the process group is killed and the solve fails', async () => {
    const frame = await renderFrame(40, 10, 0, 1, { stars: unsolvableStars(40, 10) });
    const result = await solver.solve({ fitsPath: frame.path, timeoutSeconds: 1 });
    expect(result).toMatchObject({ success: false, reason: 'no solution within 1 s (the solver was stopped)' });
    expect(solveFieldProcesses()).toEqual([]);
  });

  it('abort kills solve-field and its engine: no process is left', async () => {
    const frame = await renderFrame(40, 10, 0, 1, { stars: unsolvableStars(40, 10) });
    const controller = new AbortController();
    const attempt = solver.solve({ fitsPath: frame.path, signal: controller.signal });
    const failed = expect(attempt).rejects.toMatchObject({ name: 'AbortError' });
    for (let i = 0; i < 100 && solveFieldProcesses().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(solveFieldProcesses()).toHaveLength(1);
    controller.abort();
    await failed;
    expect(processesMatching(workDir)).toEqual([]);
  });

  it('runs two solves for one camera one after the other', async () => {
    const frame = await renderFrame(83.8, -5.4, 0, 1);
    const request = { fitsPath: frame.path, queueKey: 'camera-1', scale: scaleBracket(frame.request.arcsecPerPixel), position: { raDeg: 83.8, decDeg: -5.4, radiusDeg: 1 } };
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, solveFieldProcesses().length)), 100);
    const started = Date.now();
    const [first, second] = await Promise.all([solver.solve(request), solver.solve(request)]);
    const elapsed = Date.now() - started;
    clearInterval(sampler);
    expect(first.success && second.success).toBe(true);
    expect(peak).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(first.durationMs + second.durationMs);
  });

  it('never runs more solver processes than cores', async () => {
    expect(solver.queue.maxConcurrent).toBe(availableParallelism());
    const frame = await renderFrame(83.8, -5.4, 0, 1);
    const cores = availableParallelism();
    let peakProcesses = 0;
    let peakActive = 0;
    const sampler = setInterval(() => {
      peakProcesses = Math.max(peakProcesses, solveFieldProcesses().length);
      peakActive = Math.max(peakActive, solver.queue.active);
    }, 50);
    const solves = Array.from({ length: cores + 1 }, (_, i) => solver.solve({ fitsPath: frame.path, queueKey: `camera-${i}`, scale: scaleBracket(frame.request.arcsecPerPixel), position: { raDeg: 83.8, decDeg: -5.4, radiusDeg: 1 } }));
    const results = await Promise.all(solves);
    clearInterval(sampler);
    expect(results.every((r) => r.success)).toBe(true);
    expect(peakActive).toBe(cores);
    expect(peakProcesses).toBeLessThanOrEqual(cores);
  });
});
