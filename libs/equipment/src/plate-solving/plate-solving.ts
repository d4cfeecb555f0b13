import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { toNinaPlateSolveResult, type NinaPlateSolveResult } from '@app/plate-solver';
import { PlateSolveService } from '../solving/plate-solve.service';

/** A frame to solve (its binning sets the scale hint; the mount's position is the position hint). */
export interface SolveRequest {
  pixels: Uint16Array;
  width: number;
  height: number;
  binning?: number;
}

/**
 * The one place the N.I.N.A. routes ask for a plate solve (image/{index}/solve,
 * prepared-image/solve, framing/determine-rotation): Equipment's PlateSolveService, answered in
 * N.I.N.A.'s PlateSolveResult shape (a failed solve is `Success: false`, as ninaAPI sends it).
 */
@Injectable()
export class PlateSolving {
  constructor(
    private readonly solver: PlateSolveService,
    private readonly clock: Clock,
  ) {}

  async solve(request: SolveRequest, signal?: AbortSignal): Promise<NinaPlateSolveResult> {
    const frame = { pixels: request.pixels, width: request.width, height: request.height, bitDepth: 16 };
    const result = await this.solver.solveFrame(frame, { binning: request.binning ?? 1, signal });
    return toNinaPlateSolveResult(result, { solvedAt: this.clock.now() });
  }
}
