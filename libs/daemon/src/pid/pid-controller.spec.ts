import { PidController } from './pid-controller';
import { DEFAULT_SIDE_LIMITS, MYCODO_PID_DEFAULTS, type PidSettings } from './pid-types';
import { ThermalPlant, runClosedLoop, type ThermalPlantOptions } from '../../test/thermal-plant';

/** A 12 W dew heater on a lens cell: τ = C/k = 600 s, +16 °C over the air at full power, sensor lag 90 s. */
const lensCell = (overrides: Partial<ThermalPlantOptions> = {}) =>
  new ThermalPlant({ heatCapacityJPerK: 450, lossWPerK: 0.75, heaterWatts: 12, ambientC: 5, sensorTimeConstantSeconds: 90, ...overrides });

const settings = (overrides: Partial<PidSettings> = {}): PidSettings => ({
  ...MYCODO_PID_DEFAULTS,
  setpoint: 10,
  kp: 10,
  ki: 0.5,
  kd: 20,
  outputKind: 'pwm',
  ...overrides,
});

/** Mycodo's pid_controller_default math (I += error per period, clamp ±100, no anti-windup) with a PWM heater. */
function mycodoModelPeakAfter(air: (seconds: number) => number, fromSeconds: number, toSeconds: number): number {
  const plant = lensCell({ ambientC: air });
  const { kp, ki, kd, setpoint } = settings();
  let integrator = 0;
  let lastError: number | null = null;
  let highest = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < toSeconds; t += 30) {
    const error = setpoint - plant.sensorC;
    integrator = Math.min(100, Math.max(-100, integrator + error));
    const cv = kp * error + ki * integrator + kd * (error - (lastError ?? error));
    lastError = error;
    for (let s = 0; s < 30; s++) plant.advance(1, cv / 30);
    if (t >= fromSeconds) highest = Math.max(highest, plant.temperatureC);
  }
  return highest;
}

/** Settings for the unit tests of the math: no D term unless a test asks for one. */
const mathSettings = (overrides: Partial<PidSettings> = {}) => settings({ kd: 0, ...overrides });

const after = <T extends { seconds: number }>(samples: T[], seconds: number) => samples.filter((s) => s.seconds >= seconds);
const maxDeviation = (samples: Array<{ temperatureC: number }>, setpoint: number) => Math.max(...samples.map((s) => Math.abs(s.temperatureC - setpoint)));
const peak = (samples: Array<{ temperatureC: number }>) => Math.max(...samples.map((s) => s.temperatureC));

describe('PidController on a simulated dew heater', () => {
  it('settles within ±0.3 °C of the setpoint after 20 simulated minutes (PWM output), overshooting < 0.5 °C', () => {
    const { samples } = runClosedLoop(new PidController(settings()), lensCell(), { durationSeconds: 7200, periodSeconds: 30 });
    expect(maxDeviation(after(samples, 1200), 10)).toBeLessThan(0.3);
    expect(peak(samples)).toBeLessThan(10.5);
  });

  it('settles within ±0.3 °C with timed on periods (Mycodo on_off output, duration per period)', () => {
    const pid = new PidController(settings({ outputKind: 'duration', raise: { ...DEFAULT_SIDE_LIMITS, maxAmount: 30 } }));
    const { samples, heater } = runClosedLoop(pid, lensCell(), { durationSeconds: 7200, periodSeconds: 30 });
    expect(maxDeviation(after(samples, 1200), 10)).toBeLessThan(0.3);
    expect(heater.onPeriods.every((p) => p.to - p.from <= 30)).toBe(true);
    const late = after(samples, 3600).map((s) => s.step.raise);
    expect(late.some((c) => c?.type === 'on-for' && c.seconds > 0 && c.seconds < 30)).toBe(true);
  });

  it('tracks a setpoint supplied from another measurement (air temperature + 3 °C) while the air cools', () => {
    const air = (seconds: number) => 8 - seconds / 1200; // −3 °C per hour
    const plant = lensCell({ ambientC: air, initialC: 8 });
    const pid = new PidController(settings({ setpointSupplier: (nowMs) => air(nowMs / 1000) + 3 }));
    const { samples } = runClosedLoop(pid, plant, { durationSeconds: 3 * 3600, periodSeconds: 30 });
    const late = after(samples, 1800);
    expect(Math.max(...late.map((s) => Math.abs(s.temperatureC - (air(s.seconds) + 3))))).toBeLessThan(0.3);
    expect(late.at(-1)!.step.setpoint).toBeCloseTo(air(late.at(-1)!.seconds) + 3, 6);
  });

  it('does not wind up during a cold spell the heater cannot beat: overshoot stays < 0.8 °C afterwards (Mycodo’s > 3 °C)', () => {
    const air = (seconds: number) => (seconds >= 1800 && seconds < 5400 ? -15 : 5); // +16 °C at full power cannot reach 10 °C
    const pid = new PidController(settings());
    const { samples } = runClosedLoop(pid, lensCell({ ambientC: air }), { durationSeconds: 10800, periodSeconds: 30 });
    const spell = samples.filter((s) => s.seconds >= 2400 && s.seconds < 5400);
    expect(spell.every((s) => s.step.raise?.type === 'duty' && s.step.raise.percent === 100)).toBe(true);
    expect(spell.some((s) => s.step.integrationHeld)).toBe(true);
    expect(pid.integratorValue).toBeLessThan(20);
    expect(peak(after(samples, 5400))).toBeLessThan(10.8);
    // Mycodo's math on the same plant and gains: the integrator runs to its clamp and the lens overshoots by > 3 °C.
    expect(mycodoModelPeakAfter(air, 5400, 10800)).toBeGreaterThan(13);
    expect(maxDeviation(after(samples, 7800), 10)).toBeLessThan(0.3);
  });

  it('neither drives nor integrates while paused (one off, then nothing); resumes without overshoot', () => {
    const pid = new PidController(settings());
    const integratorAt: Record<number, number> = {};
    const { samples } = runClosedLoop(pid, lensCell(), {
      durationSeconds: 10800,
      periodSeconds: 30,
      beforeUpdate: (t, controller) => {
        if (t === 2400) controller.pause();
        if (t === 6000) controller.resume();
        integratorAt[t] = controller.integratorValue;
      },
    });
    const paused = samples.filter((s) => s.seconds >= 2400 && s.seconds < 6000);
    expect(paused.every((s) => s.step.mode === 'paused' && s.step.reason === 'paused')).toBe(true);
    expect(paused[0].step.raise).toEqual({ type: 'off' });
    expect(paused.slice(1).every((s) => s.step.raise === null && s.step.lower === null)).toBe(true);
    expect(integratorAt[5970]).toBe(integratorAt[2400]);
    expect(paused.at(-1)!.temperatureC).toBeLessThan(5.5); // the lens cooled to the air: the heater was really off
    expect(peak(after(samples, 6000))).toBeLessThan(10.5);
    expect(maxDeviation(after(samples, 7800), 10)).toBeLessThan(0.3);
  });

  it('keeps the last output while held and does not update P, I, D or the CV', () => {
    const pid = new PidController(settings({ outputKind: 'duration', raise: { ...DEFAULT_SIDE_LIMITS, maxAmount: 30 } }));
    const plant = lensCell();
    let last = runClosedLoop(pid, plant, { durationSeconds: 600, periodSeconds: 30 }).samples.at(-1)!.step;
    const integrator = pid.integratorValue;
    pid.hold();
    for (const [t, reading] of [[600, 20], [630, 0], [660, -5]]) {
      const step = pid.update(reading, t * 1000);
      expect(step).toMatchObject({ mode: 'held', reason: 'held', controlVariable: last.controlVariable, p: last.p, i: last.i, d: last.d });
      expect(step.raise).toEqual(last.raise);
    }
    expect(pid.integratorValue).toBe(integrator);
    pid.resume();
    last = pid.update(20, 690_000);
    expect(last.mode).toBe('running');
    expect(last.raise).toBeNull(); // 20 °C is far above the setpoint: the heater is not switched on
    expect(last.d).toBe(0); // the first step after the hold re-synchronises: no derivative over the gap
  });
});

describe('PidController math (Mycodo model, defects fixed)', () => {
  it('integrates over the real elapsed time: an update two periods late counts twice', () => {
    const pid = new PidController(mathSettings({ kp: 0, ki: 1, setpoint: 10 }));
    pid.update(8, 0); // first update: no integration yet
    expect(pid.integratorValue).toBe(0);
    pid.update(8, 30_000);
    expect(pid.integratorValue).toBeCloseTo(2, 9); // error 2 × 1 period
    pid.update(8, 90_000);
    expect(pid.integratorValue).toBeCloseTo(6, 9); // + error 2 × 2 periods
  });

  it('takes the derivative of the measurement per real elapsed time, with no kick on a setpoint change', () => {
    const pid = new PidController(mathSettings({ kp: 0, ki: 0, kd: 6, setpoint: 10 }));
    expect(pid.update(8, 0).d).toBe(0);
    expect(pid.update(9, 60_000).d).toBeCloseTo(-3, 9); // −6 × 1 °C / 2 periods
    pid.configure({ setpoint: 20 });
    expect(pid.update(9, 90_000).d).toBeCloseTo(0, 12); // Mycodo's D of the error would give −6 × 10 here
  });

  it('clamps the integrator to [integratorMin, integratorMax]', () => {
    const pid = new PidController(mathSettings({ kp: 0, ki: 0.001, integratorMax: 5, outputKind: 'duration' }));
    for (let t = 0; t <= 10; t++) pid.update(0, t * 30_000);
    expect(pid.integratorValue).toBe(5);
  });

  it('maps the CV to a duty cycle (CV / period × 100, capped) and respects min/max and always-min', () => {
    const limits = { minAmount: 20, maxAmount: 80, minOffSeconds: 0, alwaysMinPwm: true };
    const pid = new PidController(mathSettings({ kp: 1, ki: 0, setpoint: 10, raise: limits }));
    expect(pid.update(7, 0).raise).toEqual({ type: 'duty', percent: 20 }); // CV 3 s = 10 % → min 20 %
    expect(pid.update(-5, 30_000).raise).toEqual({ type: 'duty', percent: 50 }); // CV 15 s of 30 s
    expect(pid.update(-40, 60_000).raise).toEqual({ type: 'duty', percent: 80 }); // capped at max
    expect(pid.update(12, 90_000).raise).toEqual({ type: 'duty', percent: 20 }); // nothing asked: always-min
    pid.configure({ raise: { ...limits, alwaysMinPwm: false } });
    expect(pid.update(12, 120_000).raise).toEqual({ type: 'duty', percent: 0 });
  });

  it('sends no on-duration shorter than the minimum and caps it at the maximum', () => {
    const pid = new PidController(mathSettings({ kp: 1, ki: 0, outputKind: 'duration', raise: { ...DEFAULT_SIDE_LIMITS, minAmount: 5, maxAmount: 20 } }));
    expect(pid.update(7, 0).raise).toBeNull(); // 3 s < 5 s
    expect(pid.update(4, 30_000).raise).toEqual({ type: 'on-for', seconds: 6, minOffSeconds: 0 });
    expect(pid.update(-30, 60_000).raise).toEqual({ type: 'on-for', seconds: 20, minOffSeconds: 0 });
  });

  it('respects min-off: after an on period ends, no new one starts before min-off has passed', () => {
    const pid = new PidController(mathSettings({ outputKind: 'duration', raise: { ...DEFAULT_SIDE_LIMITS, maxAmount: 30, minOffSeconds: 90 } }));
    const { heater, samples } = runClosedLoop(pid, lensCell(), { durationSeconds: 3600, periodSeconds: 30 });
    expect(heater.onPeriods.length).toBeGreaterThan(5);
    for (let n = 1; n < heater.onPeriods.length; n++) {
      expect(heater.onPeriods[n].from - heater.onPeriods[n - 1].to).toBeGreaterThanOrEqual(90);
    }
    expect(samples.filter((s) => s.seconds >= 30 && s.seconds < 120).every((s) => s.step.raise === null)).toBe(true);
    // A new on period while one is still running replaces it (Mycodo's replace branch), min-off does not block it.
    const long = new PidController(mathSettings({ kp: 10, ki: 0, outputKind: 'duration', raise: { ...DEFAULT_SIDE_LIMITS, maxAmount: 60, minOffSeconds: 90 } }));
    expect(long.update(0, 0).raise).toMatchObject({ type: 'on-for', seconds: 60 });
    expect(long.update(0, 30_000).raise).toMatchObject({ type: 'on-for', seconds: 60 });
  });

  it('raise-only never drives a lower output; both drives the lower output when above the setpoint', () => {
    const raiseOnly = new PidController(mathSettings({ kp: 1, ki: 0, outputKind: 'duration', direction: 'raise' }));
    expect(raiseOnly.update(15, 0)).toMatchObject({ controlVariable: -5, raise: null, lower: null });
    const both = new PidController(mathSettings({ kp: 1, ki: 0, outputKind: 'duration', direction: 'both' }));
    expect(both.update(15, 0)).toMatchObject({ raise: null, lower: { type: 'on-for', seconds: 5, minOffSeconds: 0 } });
    expect(both.update(6, 30_000)).toMatchObject({ raise: { type: 'on-for', seconds: 4 }, lower: null });
    const lowerOnly = new PidController(mathSettings({ kp: 1, ki: 0, outputKind: 'pwm', direction: 'lower' }));
    expect(lowerOnly.update(6, 0)).toMatchObject({ raise: null, lower: { type: 'duty', percent: 0 } });
  });

  it('holds a both-direction lens near the setpoint with a heater and a cooler while the air swings', () => {
    const air = (seconds: number) => 10 + 4 * Math.sin((2 * Math.PI * seconds) / 14400);
    const plant = lensCell({ ambientC: air, initialC: 10, coolerWatts: 12 });
    const pid = new PidController(settings({ direction: 'both' }));
    const { samples } = runClosedLoop(pid, plant, { durationSeconds: 4 * 3600, periodSeconds: 30 });
    expect(samples.some((s) => s.step.lower?.type === 'duty' && s.step.lower.percent > 0)).toBe(true);
    expect(maxDeviation(after(samples, 1800), 10)).toBeLessThan(0.3);
  });

  it('applies Mycodo’s band for raise/lower: below → top of the band, inside → no error, above → bottom', () => {
    const pid = new PidController(mathSettings({ kp: 1, ki: 0, band: 1, setpoint: 10 }));
    expect(pid.update(8, 0)).toMatchObject({ target: 11, error: 3, bandLow: 9, bandHigh: 11 });
    expect(pid.update(9.5, 30_000)).toMatchObject({ target: 9.5, error: 0, controlVariable: 0 });
    expect(pid.update(12, 60_000)).toMatchObject({ target: 9, error: -3 });
  });

  it('band with both: nothing acts inside the band (Mycodo reused the stale CV) and I resets on a side change', () => {
    const pid = new PidController(mathSettings({ kp: 1, ki: 1, band: 1, setpoint: 10, direction: 'both', outputKind: 'duration' }));
    pid.update(7, 0);
    const below = pid.update(7, 30_000);
    expect(below).toMatchObject({ target: 9, raise: { type: 'on-for' } });
    expect(pid.integratorValue).toBeCloseTo(2, 9);
    expect(pid.update(10, 60_000)).toMatchObject({ reason: 'inside-band', controlVariable: 0, raise: null, lower: null });
    const above = pid.update(13, 90_000);
    expect(above).toMatchObject({ target: 11, lower: { type: 'on-for' }, raise: null });
    expect(pid.integratorValue).toBeCloseTo(-2, 9); // reset to 0 on the side change, then −2 × 1 period
  });

  it('turns its outputs off when the measurement or the tracked setpoint is missing', () => {
    let supplied: number | null = 10;
    const pid = new PidController(mathSettings({ direction: 'both', setpointSupplier: () => supplied }));
    expect(pid.update(Number.NaN, 0)).toMatchObject({ reason: 'no-measurement', raise: { type: 'off' }, lower: { type: 'off' } });
    expect(pid.update(null, 30_000).reason).toBe('no-measurement');
    supplied = null;
    expect(pid.update(8, 60_000)).toMatchObject({ reason: 'no-setpoint', setpoint: null, raise: { type: 'off' }, lower: { type: 'off' } });
    supplied = 10;
    expect(pid.update(8, 90_000)).toMatchObject({ reason: 'computed', setpoint: 10 });
  });

  it('refuses settings that cannot work', () => {
    expect(() => new PidController(mathSettings({ periodSeconds: 0 }))).toThrow(/periodSeconds/);
    expect(() => new PidController(mathSettings({ integratorMin: 5, integratorMax: 1 }))).toThrow(/integratorMin/);
    expect(() => new PidController(mathSettings({ kp: Number.NaN }))).toThrow(/kp/);
    expect(() => new PidController(mathSettings({ band: -1 }))).toThrow(/band/);
    expect(() => new PidController(mathSettings({ raise: { ...DEFAULT_SIDE_LIMITS, minOffSeconds: -1 } }))).toThrow(/raise/);
  });
});
