import { Test } from '@nestjs/testing';
import { ConfigModule, loadConfig } from '@app/core';
import { AstrometryNetSolver } from './astrometry/astrometry-net.solver';
import { NoPlateSolver } from './none.solver';
import { PLATE_SOLVER, type PlateSolver } from './plate-solver.port';
import { PlateSolverModule } from './plate-solver.module';

async function solverFor(env: NodeJS.ProcessEnv): Promise<PlateSolver> {
  const module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(loadConfig(env)), PlateSolverModule] }).compile();
  return module.get<PlateSolver>(PLATE_SOLVER);
}

describe('PlateSolverModule', () => {
  it('provides astrometry.net by default', async () => {
    const solver = await solverFor({ LOG_LEVEL: 'silent' });
    expect(solver).toBeInstanceOf(AstrometryNetSolver);
    expect(solver.name).toBe('astrometry');
  });

  it('provides a solver that fails at once, saying why, with PLATE_SOLVER=none', async () => {
    const solver = await solverFor({ PLATE_SOLVER: 'none' });
    expect(solver).toBeInstanceOf(NoPlateSolver);
    await expect(solver.solve({ fitsPath: '/nowhere.fits' })).resolves.toMatchObject({ success: false, reason: 'plate solving is turned off (PLATE_SOLVER=none)' });
  });

  it('uses ASTROMETRY_INDEX_DIR: a folder without index files names the package to install', async () => {
    const solver = await solverFor({ ASTROMETRY_INDEX_DIR: '/nonexistent-index-folder' });
    await expect(solver.solve({ fitsPath: '/nowhere.fits' })).rejects.toThrow(/solve-field is not installed|\/nonexistent-index-folder \(ASTROMETRY_INDEX_DIR\) does not exist/);
  });
});
