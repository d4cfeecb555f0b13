import type { PlateSolveRequest, PlateSolveResult, PlateSolver } from './plate-solver.port';

/** PLATE_SOLVER=none: every solve fails at once, saying why. */
export class NoPlateSolver implements PlateSolver {
  readonly name = 'none';

  solve(_request: PlateSolveRequest): Promise<PlateSolveResult> {
    return Promise.resolve({ success: false, reason: 'plate solving is turned off (PLATE_SOLVER=none)', durationMs: 0, solver: this.name });
  }
}
