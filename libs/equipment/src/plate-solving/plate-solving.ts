import { Injectable } from '@nestjs/common';
import { NinaError } from '../nina/envelope';

/** A frame to solve and where the mount thinks it points. */
export interface SolveRequest {
  pixels: Uint16Array;
  width: number;
  height: number;
  /** J2000 hint from the mount, when connected. */
  raDeg?: number;
  decDeg?: number;
}

/** ninaAPI's PlateSolveResult (image/{index}/solve, prepared-image/solve). */
export interface PlateSolveResult {
  Coordinates: { RA: number; RADegrees: number; Dec: number; DECDegrees: number; Epoch: number };
  PositionAngle: number;
  PixelScale: number;
  Radius: number;
  Flipped: boolean;
  Success: boolean;
  RaErrorString: string;
  RaPixError: number;
  DecPixError: number;
  DecErrorString: string;
}

/**
 * The one place the N.I.N.A. routes ask for a plate solve (image/{index}/solve,
 * prepared-image/solve, framing/determine-rotation). No solver is wired yet: every call
 * answers 500 "No plate solver installed" (ninaAPI answers a solver failure with 500 too).
 */
@Injectable()
export class PlateSolving {
  /** Routes that start a solve in the background check this first, so the caller hears why not. */
  requireSolver(): void {
    throw new NinaError('No plate solver installed', 500);
  }

  solve(_request: SolveRequest): Promise<PlateSolveResult> {
    this.requireSolver();
    return Promise.reject(new NinaError('No plate solver installed', 500));
  }
}
