import { Inject, Injectable } from '@nestjs/common';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FileStore } from '@app/core';
import { PLATE_SOLVER, PlateSolverUnavailableError, type PlateSolver, type PlateSolveResult, type PositionHint, scaleHintFor } from '@app/plate-solver';
import { EquipmentRegistry } from '../devices/equipment-registry';
import type { RawFrame } from '../drivers/contract/device-interfaces';
import { encodeFits, withHeaderCards } from '../drivers/image/fits';
import { NinaError } from '../nina/envelope';
import { ProfileService } from '../profile/profile.service';

/** Radius of the position hint around the mount's coordinates: pointing models are rarely off more. */
const HINT_RADIUS_DEG = 10;

export interface SolveOptions {
  /** Binning the frame was taken with (the scale hint follows it). */
  binning: number;
  signal?: AbortSignal;
  /** Solve blind (no position hint), as TPPA and a lost mount need. */
  blind?: boolean;
}

/**
 * Plate solving for N.I.N.A.'s routes: the scale from the profile's optics, a position hint from
 * the mount when connected, one solve per camera at a time. A solver that cannot run becomes
 * N.I.N.A.'s error envelope naming what to install.
 */
@Injectable()
export class PlateSolveService {
  constructor(
    @Inject(PLATE_SOLVER) private readonly solver: PlateSolver,
    private readonly registry: EquipmentRegistry,
    private readonly profile: ProfileService,
    private readonly files: FileStore,
  ) {}

  /** Solves a FITS file by its absolute path. */
  async solveFile(fitsPath: string, options: SolveOptions): Promise<PlateSolveResult> {
    try {
      return await this.solver.solve({
        fitsPath,
        queueKey: this.registry.get('camera').identity.id,
        scale: this.scale(options.binning),
        position: options.blind ? undefined : this.positionHint(),
        signal: options.signal,
      });
    } catch (err) {
      if (err instanceof PlateSolverUnavailableError) throw new NinaError(`Plate solving is not available: ${err.message}`, 409);
      throw err;
    }
  }

  /** Solves a frame in memory (centring, TPPA) through a scratch FITS file. */
  async solveFrame(frame: RawFrame, options: SolveOptions): Promise<PlateSolveResult> {
    const folder = await mkdtemp(join(tmpdir(), 'skygate-solve-'));
    try {
      const path = join(folder, 'frame.fits');
      await writeFile(path, encodeFits(frame.width, frame.height, frame.pixels, []));
      return await this.solveFile(path, options);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  /**
   * Solves a stored capture (FileStore path) and writes the solution's WCS into its header; the
   * file is replaced whole through the FileStore (staged, fsynced, renamed), never half-written.
   */
  async solveStored(relativePath: string, options: SolveOptions): Promise<PlateSolveResult> {
    const result = await this.solveFile(this.files.resolve(relativePath), options);
    if (result.success) {
      const fits = withHeaderCards(await readFile(this.files.resolve(relativePath)), result.solution.wcsCards);
      await this.files.save(Readable.from([fits]), relativePath, { overwrite: true, maxBytes: fits.length });
    }
    return result;
  }

  /** The profile's focal length, the camera's pixel size; no hint when the profile has no focal length. */
  private scale(binning: number) {
    const focalLengthMm = this.profile.setting('TelescopeSettings', 'FocalLength', 0);
    const camera = this.registry.get('camera');
    const pixelSizeUm = camera.connected ? camera.status().pixelSizeUm : this.profile.setting('CameraSettings', 'PixelSize', 0);
    if (!(focalLengthMm > 0) || !(pixelSizeUm > 0)) return undefined;
    return scaleHintFor({ focalLengthMm, pixelSizeUm, binning });
  }

  private positionHint(): PositionHint | undefined {
    const mount = this.registry.get('mount');
    if (!mount.connected) return undefined;
    const s = mount.status();
    return { raDeg: s.raHours * 15, decDeg: s.decDeg, radiusDeg: HINT_RADIUS_DEG };
  }
}
