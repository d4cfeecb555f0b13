import { Injectable } from '@nestjs/common';
import { j2000ToJNow } from '../drivers/astro/astro';
import type { RawFrame } from '../drivers/contract/device-interfaces';
import { NinaError } from '../nina/envelope';
import { PlateSolveService } from '../solving/plate-solve.service';

/** What the polar alignment knows about one exposure when it asks where the frame points. */
export interface FrameToLocate {
  frame: RawFrame;
  binning: number;
  at: Date;
  signal?: AbortSignal;
}

/** The centre of a frame on the sky, right ascension and declination of date (degrees). */
export interface FrameCentre {
  raDeg: number;
  decDeg: number;
}

/**
 * Finds where a frame really points by plate solving it (any camera and mount), in coordinates of
 * date: the RA axis turns about the pole of date, 0.36° (in 2026) from the J2000 pole.
 */
@Injectable()
export class FrameLocator {
  constructor(private readonly solving: PlateSolveService) {}

  async locate(request: FrameToLocate, what: string): Promise<FrameCentre> {
    const result = await this.solving.solveFrame(request.frame, { binning: request.binning, signal: request.signal });
    if (!result.success) throw new NinaError(`Plate solve of ${what} failed: ${result.reason}`, 409);
    return j2000ToJNow(result.solution.raDeg, result.solution.decDeg, request.at);
  }
}
