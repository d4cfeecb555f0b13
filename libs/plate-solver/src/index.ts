export { type AstrometryNetOptions, AstrometryNetSolver, PlateSolveInputError } from './astrometry/astrometry-net.solver';
export {
  type AstrometryInstallation,
  checkInstallation,
  findExecutable,
  INDEX_PACKAGES,
  SOLVER_PACKAGE,
} from './astrometry/installation';
export { type CatalogueStar, SkyCatalogue } from './catalogue/sky-catalogue';
export {
  degreesToDms,
  degreesToHms,
  type NinaCoordinates,
  type NinaPlateSolveResult,
  toNinaPlateSolveResult,
} from './nina-plate-solve-result';
export { NoPlateSolver } from './none.solver';
export { arcsecPerPixel, scaleBracket, scaleHintFor } from './plate-scale';
export { createPlateSolver, PlateSolverModule, plateSolverProvider } from './plate-solver.module';
export {
  PLATE_SOLVER,
  type PlateSolution,
  PlateSolveAbortedError,
  type PlateSolver,
  type PlateSolveRequest,
  type PlateSolveResult,
  PlateSolverUnavailableError,
  type PositionHint,
  type ScaleHint,
  type WcsCard,
} from './plate-solver.port';
export {
  fieldRadiusDeg,
  type RenderedStarField,
  renderStarField,
  type StarFieldRequest,
} from './render/star-field';
export {
  angularSeparationDeg,
  deprojectFromTangent,
  normalizeDegrees,
  projectToTangent,
  type TangentPoint,
} from './sky/tangent-plane';
export { SolveQueue } from './solve-queue';
export {
  astrometryOrientation,
  type CdMatrix,
  cdMatrixFor,
  determinant,
  ninaOrientation,
  solutionFromWcs,
} from './wcs-solution';
