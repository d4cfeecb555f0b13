import type { PidDirection, PidMode, PidOutputCommand, PidSettings, PidSideLimits, PidStep, PidStepReason } from './pid-types';

type Side = 'raise' | 'lower';

/** When the last timed on period of one side ends, and until when it must then stay off. */
interface SideTimer {
  onUntilMs: number | null;
  offUntilMs: number | null;
}

const acts = (direction: PidDirection, side: Side): boolean => direction === 'both' || direction === side;
const isNumber = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Mycodo's PID controller (controller_pid.py + pid_controller_default.py) as a pure class: no
 * timers, no I/O. The caller measures, calls `update(measurement, nowMs)` once per period and
 * applies the returned raise/lower commands to its outputs. Mycodo's defects are fixed here (see
 * README.md): real elapsed time in I and D, anti-windup by conditional integration, derivative
 * on the measurement, hold that really holds, pause that neither drives nor integrates, and no
 * stale CV inside the band of a `both` controller.
 */
export class PidController {
  private settings: PidSettings;
  private currentMode: PidMode = 'running';
  private integrator = 0;
  private controlVariable = 0;
  private lastMeasurement: number | null = null;
  private lastUpdateMs: number | null = null;
  /** Set after a gap (pause, hold, missing data): the next update integrates nothing and has no D. */
  private resync = true;
  /** `both` with a band: the side of the band last seen, to reset I when it changes (Mycodo). */
  private bandSide: 'below' | 'above' | null = null;
  private pauseOffSent = false;
  private lastTerms = { p: 0, i: 0, d: 0 };
  private readonly timers: Record<Side, SideTimer> = { raise: { onUntilMs: null, offUntilMs: null }, lower: { onUntilMs: null, offUntilMs: null } };

  constructor(settings: PidSettings) {
    this.settings = PidController.validated(settings);
  }

  get mode(): PidMode {
    return this.currentMode;
  }

  get integratorValue(): number {
    return this.integrator;
  }

  /** The measurement the next derivative is taken against (Mycodo's `derivator` holds the last error instead). */
  get lastMeasurementValue(): number | null {
    return this.lastMeasurement;
  }

  /** Mycodo's pid_set: overwrite the integrator (clamped to its limits) or the last measurement D differentiates against. */
  restore(values: { integrator?: number; lastMeasurement?: number }): void {
    const { integratorMin, integratorMax } = this.settings;
    if (values.integrator !== undefined) this.integrator = Math.min(integratorMax, Math.max(integratorMin, values.integrator));
    if (values.lastMeasurement !== undefined) this.lastMeasurement = values.lastMeasurement;
  }

  get currentSettings(): Readonly<PidSettings> {
    return this.settings;
  }

  /** Changes settings in place (e.g. new gains or setpoint from the API); the integrator is kept. */
  configure(changes: Partial<PidSettings>): void {
    this.settings = PidController.validated({ ...this.settings, ...changes });
    this.integrator = Math.min(this.settings.integratorMax, Math.max(this.settings.integratorMin, this.integrator));
  }

  /** Keep driving the outputs with the current CV; stop computing (Mycodo's comment, not its code). */
  hold(): void {
    if (this.currentMode === 'running') this.currentMode = 'held';
  }

  /** Stop driving the outputs (one `off` each, then nothing) and stop integrating. */
  pause(): void {
    if (this.currentMode !== 'paused') this.pauseOffSent = false;
    this.currentMode = 'paused';
  }

  /** Back to running; the first update after it re-synchronises time (no D, no integration). */
  resume(): void {
    this.currentMode = 'running';
    this.resync = true;
  }

  /** Forget integrator, CV, derivative history and min-off timers (e.g. on (re)activation). */
  reset(): void {
    this.integrator = 0;
    this.controlVariable = 0;
    this.lastMeasurement = null;
    this.lastUpdateMs = null;
    this.resync = true;
    this.bandSide = null;
    this.lastTerms = { p: 0, i: 0, d: 0 };
    for (const timer of Object.values(this.timers)) Object.assign(timer, { onUntilMs: null, offUntilMs: null });
  }

  /** One control step at `nowMs` (milliseconds of any monotonic clock; only differences count). */
  update(measurement: number | null | undefined, nowMs: number): PidStep {
    const value = isNumber(measurement) ? measurement : null;
    if (this.currentMode === 'paused') {
      this.resync = true;
      const commands = this.pauseOffSent ? { raise: null, lower: null } : this.allOff();
      this.pauseOffSent = true;
      return this.step(nowMs, 'paused', value, null, null, commands);
    }
    const setpoint = this.settings.setpointSupplier ? this.settings.setpointSupplier(nowMs) : this.settings.setpoint;
    if (value === null || !isNumber(setpoint)) {
      // Mycodo turns both outputs off when it has no fresh measurement; a missing tracked setpoint is treated alike.
      this.resync = true;
      return this.step(nowMs, value === null ? 'no-measurement' : 'no-setpoint', value, isNumber(setpoint) ? setpoint : null, null, this.allOff());
    }
    if (this.currentMode === 'held') {
      this.resync = true;
      return this.step(nowMs, 'held', value, setpoint, null, this.commandsFor(this.controlVariable, nowMs));
    }
    const target = this.bandTarget(value, setpoint);
    if (target === null) {
      // Inside the band of a `both` controller: Mycodo returns early and its output step reuses the
      // previous CV, so the outputs keep acting inside the band. Here nothing acts inside the band.
      this.controlVariable = 0;
      this.lastTerms = { p: 0, i: 0, d: 0 };
      this.remember(value, nowMs);
      return this.step(nowMs, 'inside-band', value, setpoint, null, this.commandsFor(0, nowMs));
    }
    const integrationHeld = this.compute(value, target, nowMs);
    return { ...this.step(nowMs, 'computed', value, setpoint, target, this.commandsFor(this.controlVariable, nowMs)), integrationHeld };
  }

  /** P, I and D over the real elapsed time, with conditional integration (anti-windup). */
  private compute(value: number, target: number, nowMs: number): boolean {
    const { kp, ki, kd, periodSeconds, integratorMin, integratorMax } = this.settings;
    const elapsedPeriods = this.resync || this.lastUpdateMs === null ? 0 : Math.max(0, (nowMs - this.lastUpdateMs) / 1000 / periodSeconds);
    const error = target - value;
    const p = kp * error;
    // Derivative of the measurement, not of the error: a setpoint step or band switch gives no kick.
    const d = elapsedPeriods > 0 && this.lastMeasurement !== null ? (-kd * (value - this.lastMeasurement)) / elapsedPeriods : 0;
    const integrated = Math.min(integratorMax, Math.max(integratorMin, this.integrator + error * elapsedPeriods));
    let cv = p + ki * integrated + d;
    const [low, high] = this.reachableRange(nowMs);
    const push = ki * (integrated - this.integrator);
    const integrationHeld = (cv > high && push > 0) || (cv < low && push < 0);
    if (integrationHeld) cv = p + ki * this.integrator + d;
    else this.integrator = integrated;
    this.controlVariable = cv;
    this.lastTerms = { p, i: ki * this.integrator, d };
    this.remember(value, nowMs);
    return integrationHeld;
  }

  private remember(value: number, nowMs: number): void {
    this.lastMeasurement = value;
    this.lastUpdateMs = nowMs;
    this.resync = false;
  }

  /** Mycodo's check_hysteresis: the target the error is taken against, or null inside a `both` band. */
  private bandTarget(value: number, setpoint: number): number | null {
    const { band, direction } = this.settings;
    if (band === 0) return setpoint;
    const low = setpoint - band;
    const high = setpoint + band;
    if (direction !== 'both') {
      if (value < low) return high;
      if (value > high) return low;
      return value;
    }
    if (value >= low && value <= high) return null;
    const side = value < low ? 'below' : 'above';
    if (side !== this.bandSide) {
      this.integrator = 0;
      this.bandSide = side;
    }
    return side === 'below' ? low : high;
  }

  /** The CV range the outputs can really deliver now; beyond it the integrator must not grow. */
  private reachableRange(nowMs: number): [number, number] {
    const reach = (side: Side): number => {
      if (!acts(this.settings.direction, side) || this.lockedOut(side, nowMs)) return 0;
      const limits = this.settings[side];
      // A timed on period is replaced by the next one, so beyond one period more seconds add nothing.
      if (this.settings.outputKind === 'duration') return Math.min(this.settings.periodSeconds, limits.maxAmount > 0 ? limits.maxAmount : Number.POSITIVE_INFINITY);
      return (this.settings.periodSeconds * (limits.maxAmount > 0 ? Math.min(100, limits.maxAmount) : 100)) / 100;
    };
    return [-reach('lower'), reach('raise')];
  }

  /** Mycodo's min_off: after a timed on period ended, no new one until `min_off` seconds later. */
  private lockedOut(side: Side, nowMs: number): boolean {
    const { onUntilMs, offUntilMs } = this.timers[side];
    return onUntilMs !== null && offUntilMs !== null && nowMs >= onUntilMs && nowMs < offUntilMs;
  }

  private commandsFor(cv: number, nowMs: number): { raise: PidOutputCommand | null; lower: PidOutputCommand | null } {
    return {
      raise: acts(this.settings.direction, 'raise') ? this.sideCommand('raise', cv, nowMs) : null,
      lower: acts(this.settings.direction, 'lower') ? this.sideCommand('lower', -cv, nowMs) : null,
    };
  }

  /** Mycodo's manipulate_output for one side; `amount` > 0 means this side should act. */
  private sideCommand(side: Side, amount: number, nowMs: number): PidOutputCommand | null {
    const limits: PidSideLimits = this.settings[side];
    if (this.settings.outputKind === 'pwm') {
      if (amount <= 0) return { type: 'duty', percent: limits.alwaysMinPwm ? limits.minAmount : 0 };
      let percent = Math.min(100, (amount / this.settings.periodSeconds) * 100);
      if (limits.maxAmount > 0 && percent > limits.maxAmount) percent = limits.maxAmount;
      else if (limits.minAmount > 0 && percent < limits.minAmount) percent = limits.minAmount;
      return { type: 'duty', percent };
    }
    if (amount <= 0) return null;
    const seconds = limits.maxAmount > 0 ? Math.min(limits.maxAmount, amount) : amount;
    if (seconds < limits.minAmount || this.lockedOut(side, nowMs)) return null;
    const onUntilMs = nowMs + seconds * 1000;
    Object.assign(this.timers[side], { onUntilMs, offUntilMs: onUntilMs + limits.minOffSeconds * 1000 });
    return { type: 'on-for', seconds, minOffSeconds: limits.minOffSeconds };
  }

  private allOff(): { raise: PidOutputCommand | null; lower: PidOutputCommand | null } {
    const off = (side: Side): PidOutputCommand | null => (acts(this.settings.direction, side) ? { type: 'off' } : null);
    return { raise: off('raise'), lower: off('lower') };
  }

  private step(
    atMs: number,
    reason: PidStepReason,
    measurement: number | null,
    setpoint: number | null,
    target: number | null,
    commands: { raise: PidOutputCommand | null; lower: PidOutputCommand | null },
  ): PidStep {
    const band = this.settings.band;
    const withBand = band !== 0 && setpoint !== null;
    return {
      atMs,
      mode: this.currentMode,
      reason,
      measurement,
      setpoint,
      target,
      bandLow: withBand ? setpoint - band : null,
      bandHigh: withBand ? setpoint + band : null,
      error: target !== null && measurement !== null ? target - measurement : 0,
      ...this.lastTerms,
      controlVariable: this.controlVariable,
      integrationHeld: false,
      ...commands,
    };
  }

  private static validated(settings: PidSettings): PidSettings {
    const { kp, ki, kd, periodSeconds, band, integratorMin, integratorMax, setpoint } = settings;
    for (const [name, value] of Object.entries({ kp, ki, kd, band, integratorMin, integratorMax, setpoint })) {
      if (!Number.isFinite(value)) throw new RangeError(`PID setting ${name} must be a finite number, got ${value}`);
    }
    if (!(periodSeconds > 0)) throw new RangeError(`PID periodSeconds must be positive, got ${periodSeconds}`);
    if (band < 0) throw new RangeError(`PID band must be 0 or positive, got ${band}`);
    if (integratorMin > integratorMax) throw new RangeError(`PID integratorMin (${integratorMin}) exceeds integratorMax (${integratorMax})`);
    for (const side of ['raise', 'lower'] as const) {
      const { minAmount, maxAmount, minOffSeconds } = settings[side];
      if (![minAmount, maxAmount, minOffSeconds].every((v) => Number.isFinite(v) && v >= 0)) {
        throw new RangeError(`PID ${side} limits must be finite and not negative`);
      }
    }
    return settings;
  }
}
