import { Logger, Module, type FactoryProvider } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { AstrometryNetSolver } from './astrometry/astrometry-net.solver';
import { NoPlateSolver } from './none.solver';
import { PLATE_SOLVER, type PlateSolver } from './plate-solver.port';

/** The solver PLATE_SOLVER names; a missing astrometry.net installation shows at the first solve, with what to install. */
export function createPlateSolver(config: AppConfig): PlateSolver {
  const { solver, indexDir, timeoutSeconds } = config.plateSolving;
  return solver === 'none' ? new NoPlateSolver() : new AstrometryNetSolver({ indexDir, timeoutSeconds });
}

export const plateSolverProvider: FactoryProvider<PlateSolver> = {
  provide: PLATE_SOLVER,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => {
    const solver = createPlateSolver(config);
    new Logger('PlateSolver').log(`PLATE_SOLVER=${config.plateSolving.solver}: ${solver.name === 'none' ? 'solving turned off' : `astrometry.net with index files in ${config.plateSolving.indexDir}`}`);
    return solver;
  },
};

/** Provides PLATE_SOLVER (chosen by PLATE_SOLVER) to the features that solve: capture, centring, TPPA. */
@Module({ providers: [plateSolverProvider], exports: [PLATE_SOLVER] })
export class PlateSolverModule {}
