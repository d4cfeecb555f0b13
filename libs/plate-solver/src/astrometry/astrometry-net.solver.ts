import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readHeader } from '@app/core';
import { PlateSolveAbortedError, type PlateSolveRequest, type PlateSolveResult, type PlateSolver } from '../plate-solver.port';
import { SolveQueue } from '../solve-queue';
import { solutionFromWcs } from '../wcs-solution';
import { checkInstallation } from './installation';
import { backendConfig, failureReason, runProcessGroup, solveFieldArguments } from './solve-field';

export interface AstrometryNetOptions {
  /** Folder of index-*.fits (ASTROMETRY_INDEX_DIR). */
  indexDir: string;
  /** Default per-solve limit (PLATE_SOLVE_TIMEOUT_SECONDS). */
  timeoutSeconds: number;
  /** solve-field on PATH unless given. */
  solveField?: string;
  /** Where each solve gets its scratch folder (default the OS temp folder). */
  workDir?: string;
  /** Solver processes at most at once (default: one per core). */
  maxConcurrent?: number;
}

/** The caller's mistake: the file is not a FITS image this solver can read. */
export class PlateSolveInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlateSolveInputError';
  }
}

/** PlateSolver on astrometry.net's solve-field (Debian package astrometry.net) with local index files. */
export class AstrometryNetSolver implements PlateSolver {
  readonly name = 'astrometry';
  readonly queue: SolveQueue;

  constructor(private readonly options: AstrometryNetOptions) {
    this.queue = new SolveQueue(options.maxConcurrent);
  }

  async solve(request: PlateSolveRequest): Promise<PlateSolveResult> {
    const installation = await checkInstallation(this.options.solveField ?? 'solve-field', this.options.indexDir);
    const fitsPath = resolve(request.fitsPath);
    const size = await imageSize(fitsPath);
    return this.queue.run(request.queueKey ?? fitsPath, request.signal, async () => {
      const started = Date.now();
      const timeoutSeconds = request.timeoutSeconds ?? this.options.timeoutSeconds;
      const base = this.options.workDir ?? tmpdir();
      await mkdir(base, { recursive: true });
      const workDir = await mkdtemp(join(base, 'skygate-solve-'));
      try {
        const configPath = join(workDir, 'backend.cfg');
        await writeFile(configPath, backendConfig(this.options.indexDir, timeoutSeconds));
        const downsample = request.downsample ?? Math.max(1, Math.round(Math.max(size.width, size.height) / 2500));
        const args = solveFieldArguments(fitsPath, { workDir, backendConfig: configPath, downsample, cpuSeconds: timeoutSeconds, request });
        const outcome = await runProcessGroup(installation.solveField, args, { cwd: workDir, timeoutMs: timeoutSeconds * 1000, signal: request.signal });
        const durationMs = Date.now() - started;
        if (outcome.kind === 'aborted') throw new PlateSolveAbortedError();
        if (outcome.kind === 'timeout') return { success: false, reason: `no solution within ${timeoutSeconds} s (the solver was stopped)`, durationMs, solver: this.name };
        const wcsPath = join(workDir, 'solve.wcs');
        if (!(await exists(wcsPath))) return { success: false, reason: failureReason(outcome.output), durationMs, solver: this.name };
        const header = await readHeader(createReadStream(wcsPath));
        return { success: true, solution: solutionFromWcs(header.keywords, size), durationMs, solver: this.name };
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function imageSize(path: string): Promise<{ width: number; height: number }> {
  let keywords;
  try {
    keywords = (await readHeader(createReadStream(path))).keywords;
  } catch (error) {
    throw new PlateSolveInputError(`${path} is not a readable FITS image: ${(error as Error).message}`);
  }
  const width = keywords.NAXIS1;
  const height = keywords.NAXIS2;
  if (keywords.NAXIS !== 2 && keywords.NAXIS !== 3) throw new PlateSolveInputError(`${path} holds no 2-dimensional image (NAXIS ${String(keywords.NAXIS)})`);
  if (typeof width !== 'number' || typeof height !== 'number') throw new PlateSolveInputError(`${path} has no image size (NAXIS1/NAXIS2)`);
  return { width, height };
}
