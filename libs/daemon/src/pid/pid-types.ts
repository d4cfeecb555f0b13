/** Which way the controller may push the process: Mycodo's `direction`. */
export type PidDirection = 'raise' | 'lower' | 'both';

/**
 * How the control variable reaches an output: `duration` = seconds on per period (Mycodo's
 * `on_off` output type, sent with `min_off`), `pwm` = a duty cycle (Mycodo's `pwm` type,
 * duty = CV / period × 100).
 */
export type PidOutputKind = 'duration' | 'pwm';

/**
 * Limits of one side (raise or lower), Mycodo's `raise_*` / `lower_*` columns. For `duration`
 * outputs `minAmount` / `maxAmount` are seconds, for `pwm` outputs they are percent; 0 means
 * "no limit", as in Mycodo.
 */
export interface PidSideLimits {
  /** An on-duration below this is not sent at all; a duty below it is raised to it. */
  minAmount: number;
  /** Cap of the on-duration (s) or duty (%); 0 = uncapped (duty is always capped at 100 %). */
  maxAmount: number;
  /** After a timed on period ends, no new one starts for this many seconds (duration outputs). */
  minOffSeconds: number;
  /** PWM only: when the CV asks nothing of this side, keep `minAmount` instead of 0 %. */
  alwaysMinPwm: boolean;
}

/** Returns the setpoint at `nowMs` (setpoint tracking), or null/undefined when it has none. */
export type SetpointSupplier = (nowMs: number) => number | null | undefined;

export interface PidSettings {
  setpoint: number;
  /** Gains in Mycodo's units: per period of `periodSeconds` (see README, "Real elapsed time"). */
  kp: number;
  ki: number;
  kd: number;
  /** The nominal update period (Mycodo's `period`, default 30 s). */
  periodSeconds: number;
  direction: PidDirection;
  /** Half-width of the band around the setpoint; 0 disables it (Mycodo's `band`). */
  band: number;
  /** Clamp of the integrator, in error × periods (Mycodo's defaults −100 / 100). */
  integratorMin: number;
  integratorMax: number;
  outputKind: PidOutputKind;
  raise: PidSideLimits;
  lower: PidSideLimits;
  /** When set, the setpoint comes from here each update (Mycodo's `input-math` tracking). */
  setpointSupplier?: SetpointSupplier;
}

/** What one side's output should do now; `null` in a step means "leave it alone". */
export type PidOutputCommand =
  | { type: 'on-for'; seconds: number; minOffSeconds: number }
  | { type: 'duty'; percent: number }
  | { type: 'off' };

export type PidMode = 'running' | 'held' | 'paused';

/** Why a step drove what it drove (beyond a plain PID computation). */
export type PidStepReason =
  | 'computed'
  | 'held'
  | 'paused'
  | 'no-measurement'
  | 'no-setpoint'
  | 'inside-band';

/** The result of one `update`: Mycodo stores setpoint, band low/high, P, I, D, duration, duty. */
export interface PidStep {
  atMs: number;
  mode: PidMode;
  reason: PidStepReason;
  measurement: number | null;
  setpoint: number | null;
  /** The target the error was taken against (differs from the setpoint when a band applies). */
  target: number | null;
  bandLow: number | null;
  bandHigh: number | null;
  error: number;
  p: number;
  i: number;
  d: number;
  controlVariable: number;
  /** True when this step skipped integration because the output was saturated (anti-windup). */
  integrationHeld: boolean;
  raise: PidOutputCommand | null;
  lower: PidOutputCommand | null;
}

export const DEFAULT_SIDE_LIMITS: PidSideLimits = { minAmount: 0, maxAmount: 0, minOffSeconds: 0, alwaysMinPwm: false };

/** Mycodo's database defaults [models/pid.py], with on/off (duration) outputs. */
export const MYCODO_PID_DEFAULTS: PidSettings = {
  setpoint: 30,
  kp: 1,
  ki: 0,
  kd: 0,
  periodSeconds: 30,
  direction: 'raise',
  band: 0,
  integratorMin: -100,
  integratorMax: 100,
  outputKind: 'duration',
  raise: DEFAULT_SIDE_LIMITS,
  lower: DEFAULT_SIDE_LIMITS,
};
