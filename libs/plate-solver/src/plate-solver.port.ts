/** The plate solver port: features ask PLATE_SOLVER to solve a FITS file and never know which solver runs. */

export const PLATE_SOLVER = Symbol('PLATE_SOLVER');

/** Image scale from the optics: the solver searches between low and high (arcsec per binned pixel). */
export interface ScaleHint {
  lowArcsecPerPixel: number;
  highArcsecPerPixel: number;
}

/** Where the telescope believes it points (J2000), and how far off it may be. */
export interface PositionHint {
  raDeg: number;
  decDeg: number;
  radiusDeg: number;
}

export interface PlateSolveRequest {
  /** A FITS image on disk (read, never changed). */
  fitsPath: string;
  /** One solve at a time per key (a camera's id); solves for other keys run side by side. */
  queueKey?: string;
  scale?: ScaleHint;
  /** Omitted: a blind solve over the whole sky. */
  position?: PositionHint;
  /** Downsampling before star detection; omitted: chosen from the image size. */
  downsample?: number;
  /** Omitted: the configured PLATE_SOLVE_TIMEOUT_SECONDS. */
  timeoutSeconds?: number;
  /** Aborting stops the solve (the solver process is killed) and rejects with an AbortError. */
  signal?: AbortSignal;
}

/** One FITS header card of the solution, to be written into the solved image's header. */
export interface WcsCard {
  key: string;
  value: string | number | boolean;
  comment?: string;
}

export interface PlateSolution {
  /** Sky position of the image centre, J2000 degrees. */
  raDeg: number;
  decDeg: number;
  /** N.I.N.A.'s position angle (degrees 0-360) for the image as stored (row 0 at the top). */
  positionAngleDeg: number;
  /** N.I.N.A.'s orientation: 360 − position angle. */
  orientationDeg: number;
  /** Mirrored as displayed with row 0 at the top (N.I.N.A.'s Flipped). */
  flipped: boolean;
  arcsecPerPixel: number;
  widthDeg: number;
  heightDeg: number;
  /** Half the diagonal of the field, degrees (N.I.N.A.'s Radius). */
  radiusDeg: number;
  imageWidth: number;
  imageHeight: number;
  /** The WCS as astrometry.net wrote it (CTYPE, CRVAL, CRPIX, CD, SIP terms). */
  wcsCards: WcsCard[];
}

export type PlateSolveResult =
  | { success: true; solution: PlateSolution; durationMs: number; solver: string }
  | { success: false; reason: string; durationMs: number; solver: string };

export interface PlateSolver {
  /** `astrometry` or `none`. */
  readonly name: string;
  /**
   * Solves one FITS file. A frame that cannot be solved resolves with success false and the
   * solver's reason; a missing installation rejects with PlateSolverUnavailableError, an abort
   * with an AbortError.
   */
  solve(request: PlateSolveRequest): Promise<PlateSolveResult>;
}

/** The solver cannot run here (binary or index files missing); the message names what to install. */
export class PlateSolverUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlateSolverUnavailableError';
  }
}

export class PlateSolveAbortedError extends Error {
  constructor() {
    super('Plate solve aborted');
    this.name = 'AbortError';
  }
}
