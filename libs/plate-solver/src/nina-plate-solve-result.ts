import type { PlateSolveResult } from './plate-solver.port';

/** The DateTime member of N.I.N.A.'s Coordinates (SystemDateTime) as System.Text.Json writes it. */
interface NinaDateTime {
  Now: string;
  UtcNow: string;
  MinValue: string;
  MaxValue: string;
}

export interface NinaCoordinates {
  RA: number;
  RAString: string;
  RADegrees: number;
  Dec: number;
  DecString: string;
  /** Not a member of N.I.N.A.'s Coordinates; ninaAPI's api_spec.yaml documents it, so clients may read it. */
  DECDegrees: number;
  Epoch: 'J2000';
  DateTime: NinaDateTime;
}

/**
 * N.I.N.A.'s PlateSolveResult (NINA.PlateSolving/PlateSolveResult.cs) as ninaAPI serialises it
 * (System.Text.Json: enums as strings, nulls left out, NaN as "NaN"). `Pixscale` and `Orientation`
 * are its real members; `PixelScale` is what ninaAPI's api_spec.yaml calls the scale, so both are sent.
 */
export interface NinaPlateSolveResult {
  SolveTime: string;
  Orientation: number;
  PositionAngle: number;
  Pixscale: number;
  PixelScale: number;
  Radius: number;
  Coordinates?: NinaCoordinates;
  Flipped: boolean;
  Success: boolean;
  RaErrorString: string;
  RaPixError: number | 'NaN';
  DecPixError: number | 'NaN';
  DecErrorString: string;
}

/** AstroUtil.DegreesToDMS with N.I.N.A.'s pattern: whole seconds, 60 carried up, sign in front. */
function sexagesimal(value: number, format: (units: string, minutes: string, seconds: string) => string): string {
  const negative = value < 0;
  let rest = Math.abs(value);
  let units = Math.floor(rest);
  rest = (rest - units) * 60;
  let minutes = Math.floor(rest);
  let seconds = Math.round((rest - minutes) * 60);
  if (seconds === 60) {
    seconds = 0;
    minutes += 1;
    if (minutes === 60) {
      minutes = 0;
      units += 1;
    }
  }
  const two = (n: number) => String(n).padStart(2, '0');
  return `${negative ? '-' : ''}${format(two(units), two(minutes), two(seconds))}`;
}

export const degreesToHms = (degrees: number): string => sexagesimal(degrees / 15, (h, m, s) => `${h}:${m}:${s}`);
export const degreesToDms = (degrees: number): string => sexagesimal(degrees, (d, m, s) => `${d}° ${m}' ${s}"`);

const MIN_DATE = '0001-01-01T00:00:00';
const MAX_DATE = '9999-12-31T23:59:59.9999999';

/**
 * Maps a Skygate solve to N.I.N.A.'s PlateSolveResult JSON. With `target` (where the mount was
 * sent), the error fields say how far the solved centre is from it, as N.I.N.A.'s centring shows.
 */
export function toNinaPlateSolveResult(result: PlateSolveResult, options: { solvedAt: Date; target?: { raDeg: number; decDeg: number } }): NinaPlateSolveResult {
  const at = options.solvedAt.toISOString();
  if (!result.success) {
    return { SolveTime: at, Orientation: 0, PositionAngle: 0, Pixscale: 0, PixelScale: 0, Radius: 0, Flipped: false, Success: false, RaErrorString: '--', RaPixError: 'NaN', DecPixError: 'NaN', DecErrorString: '--' };
  }
  const s = result.solution;
  const errors = errorFields(s.raDeg, s.decDeg, s.arcsecPerPixel, options.target);
  return {
    SolveTime: at,
    Orientation: s.orientationDeg,
    PositionAngle: s.positionAngleDeg,
    Pixscale: s.arcsecPerPixel,
    PixelScale: s.arcsecPerPixel,
    Radius: s.radiusDeg,
    Coordinates: {
      RA: s.raDeg / 15,
      RAString: degreesToHms(s.raDeg),
      RADegrees: s.raDeg,
      Dec: s.decDeg,
      DecString: degreesToDms(s.decDeg),
      DECDegrees: s.decDeg,
      Epoch: 'J2000',
      DateTime: { Now: at, UtcNow: at, MinValue: MIN_DATE, MaxValue: MAX_DATE },
    },
    Flipped: s.flipped,
    Success: true,
    ...errors,
  };
}

function errorFields(raDeg: number, decDeg: number, arcsecPerPixel: number, target?: { raDeg: number; decDeg: number }) {
  if (!target) return { RaErrorString: '--', RaPixError: 'NaN' as const, DecPixError: 'NaN' as const, DecErrorString: '--' };
  // N.I.N.A.'s Separation (Coordinates operator −): plain RA and Dec differences, RA taken the short way round.
  const raError = ((target.raDeg - raDeg + 540) % 360) - 180;
  const decError = target.decDeg - decDeg;
  return {
    RaErrorString: degreesToHms(raError),
    RaPixError: Math.round(((raError * 3600) / arcsecPerPixel) * 100) / 100,
    DecPixError: Math.round(((decError * 3600) / arcsecPerPixel) * 100) / 100,
    DecErrorString: degreesToDms(decError),
  };
}
