import type { CurveFit, CurvePoint, TrendlineFit } from './curve-fitting';

/** N.I.N.A.'s curve fittings (FocuserSettings-AutoFocusCurveFitting). */
export const AF_FITTINGS = ['PARABOLIC', 'TRENDPARABOLIC', 'HYPERBOLIC', 'TRENDHYPERBOLIC', 'TRENDLINES'] as const;
export type AutofocusFitting = (typeof AF_FITTINGS)[number];

/** A number, or "NaN" as N.I.N.A.'s JSON writes an unknown double. */
export type NinaNumber = number | 'NaN';

export interface FocusPoint {
  Position: NinaNumber;
  Value: NinaNumber;
  Error: number;
}

/** N.I.N.A.'s AutoFocusReport (version 2) as focuser/last-af answers it; unused intersections are left out. */
export interface AutofocusReport {
  Version: 2;
  Filter: string;
  AutoFocuserName: string;
  StarDetectorName: string;
  Timestamp: string;
  Temperature: NinaNumber;
  Method: 'STARHFR';
  Fitting: AutofocusFitting;
  InitialFocusPoint: FocusPoint;
  CalculatedFocusPoint: FocusPoint;
  PreviousFocusPoint: FocusPoint;
  MeasurePoints: FocusPoint[];
  Intersections: { TrendLineIntersection?: FocusPoint; HyperbolicMinimum?: FocusPoint; QuadraticMinimum?: FocusPoint };
  Fittings: { Quadratic: string; Hyperbolic: string; Gaussian: string; LeftTrend: string; RightTrend: string };
  RSquares: { Quadratic: NinaNumber; Hyperbolic: NinaNumber; LeftTrend: NinaNumber; RightTrend: NinaNumber };
  BacklashCompensation: { BacklashCompensationModel: string; BacklashIN: number; BacklashOUT: number };
  /** A .NET TimeSpan text, "hh:mm:ss.fffffff". */
  Duration: string;
}

export interface MeasuredPoint extends CurvePoint {
  /** The HFR spread of the stars, the point's error bar. */
  error: number;
}

export interface CurveFits {
  quadratic: CurveFit | null;
  hyperbolic: CurveFit | null;
  trend: TrendlineFit | null;
}

export const ninaNumber = (n: number): NinaNumber => (Number.isFinite(n) ? n : 'NaN');
const point = (x: number, y: number, error = 0): FocusPoint => ({ Position: ninaNumber(x), Value: ninaNumber(y), Error: error });

/** .NET's TimeSpan "c" format: hh:mm:ss.fffffff. */
export function timeSpanText(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const ticks = Math.round((ms - totalSeconds * 1000) * 10_000);
  return `${pad(Math.floor(totalSeconds / 3600))}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}.${pad(ticks, 7)}`;
}

export interface ReportInput {
  filter: string;
  timestamp: string;
  temperature: number;
  fitting: AutofocusFitting;
  initial: CurvePoint;
  calculated: CurvePoint;
  previous: CurvePoint | null;
  points: MeasuredPoint[];
  fits: CurveFits;
  backlash: { model: string; in: number; out: number };
  durationMs: number;
}

export function autofocusReport(r: ReportInput): AutofocusReport {
  const { quadratic, hyperbolic, trend } = r.fits;
  const intersections: AutofocusReport['Intersections'] = {};
  if (trend) intersections.TrendLineIntersection = point(Math.round(trend.intersection.x), trend.intersection.y);
  if (hyperbolic) intersections.HyperbolicMinimum = point(hyperbolic.minimum.x, hyperbolic.minimum.y);
  if (quadratic) intersections.QuadraticMinimum = point(Math.round(quadratic.minimum.x), quadratic.minimum.y);
  return {
    Version: 2,
    Filter: r.filter,
    AutoFocuserName: 'Skygate',
    StarDetectorName: 'Skygate',
    Timestamp: r.timestamp,
    Temperature: ninaNumber(r.temperature),
    Method: 'STARHFR',
    Fitting: r.fitting,
    InitialFocusPoint: point(r.initial.x, r.initial.y),
    CalculatedFocusPoint: point(r.calculated.x, r.calculated.y),
    PreviousFocusPoint: r.previous ? point(r.previous.x, r.previous.y) : point(Number.NaN, Number.NaN),
    MeasurePoints: r.points.map((p) => point(p.x, p.y, p.error)),
    Intersections: intersections,
    Fittings: {
      Quadratic: quadratic?.expression ?? '',
      Hyperbolic: hyperbolic?.expression ?? '',
      Gaussian: '',
      LeftTrend: trend?.left?.expression ?? '',
      RightTrend: trend?.right?.expression ?? '',
    },
    RSquares: {
      Quadratic: ninaNumber(quadratic?.rSquared ?? Number.NaN),
      Hyperbolic: ninaNumber(hyperbolic?.rSquared ?? Number.NaN),
      LeftTrend: ninaNumber(trend?.left?.rSquared ?? Number.NaN),
      RightTrend: ninaNumber(trend?.right?.rSquared ?? Number.NaN),
    },
    BacklashCompensation: { BacklashCompensationModel: r.backlash.model, BacklashIN: r.backlash.in, BacklashOUT: r.backlash.out },
    Duration: timeSpanText(r.durationMs),
  };
}
