import type { PidController } from '../src/pid/pid-controller';
import type { PidOutputCommand, PidStep } from '../src/pid/pid-types';

/**
 * A simulated dew heater warming a telescope lens against the air: a first-order heat balance
 *   C · dT/dt = P_heat · u_heat − P_cool · u_cool − k · (T − T_air)
 * integrated exactly over each step with constant inputs. A test helper (not shipped in dist): the
 * PID unit tests and test/e2e/daemon-devices.e2e-spec.ts drive it.
 */
export interface ThermalPlantOptions {
  /** C: heat capacity of lens and cell (J/K). */
  heatCapacityJPerK: number;
  /** k: loss to the air (W/K). */
  lossWPerK: number;
  /** Power of the heater at 100 % (W). */
  heaterWatts: number;
  /** Power of a cooler at 100 % (W), for `both` controllers; 0 when there is none. */
  coolerWatts?: number;
  /** Air temperature (°C), fixed or as a function of simulated seconds. */
  ambientC: number | ((seconds: number) => number);
  /** Start temperature (°C); the air temperature when omitted. */
  initialC?: number;
  /** Lag of the sensor taped to the lens (first order, s); 0 = it reads the lens exactly. */
  sensorTimeConstantSeconds?: number;
}

export class ThermalPlant {
  temperatureC: number;
  /** What the lens sensor reads (lags `temperatureC` by `sensorTimeConstantSeconds`). */
  sensorC: number;
  seconds = 0;

  constructor(private readonly options: ThermalPlantOptions) {
    this.temperatureC = options.initialC ?? this.ambientC();
    this.sensorC = this.temperatureC;
  }

  ambientC(atSeconds = this.seconds): number {
    const ambient = this.options.ambientC;
    return typeof ambient === 'number' ? ambient : ambient(atSeconds);
  }

  /** Advances `dtSeconds` with the heater at `heat` and cooler at `cool` (fractions 0..1). */
  advance(dtSeconds: number, heat: number, cool = 0): void {
    const { heatCapacityJPerK: c, lossWPerK: k, heaterWatts, coolerWatts = 0 } = this.options;
    const power = heaterWatts * clamp01(heat) - coolerWatts * clamp01(cool);
    const equilibrium = this.ambientC() + power / k;
    this.temperatureC = equilibrium + (this.temperatureC - equilibrium) * Math.exp((-k * dtSeconds) / c);
    const lag = this.options.sensorTimeConstantSeconds ?? 0;
    this.sensorC = lag > 0 ? this.temperatureC + (this.sensorC - this.temperatureC) * Math.exp(-dtSeconds / lag) : this.temperatureC;
    this.seconds += dtSeconds;
  }
}

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

/** One output as the daemon would drive it: a timed on period or a PWM duty. */
export class SimulatedOutput {
  private onUntilSeconds = 0;
  private duty = 0;
  readonly onPeriods: Array<{ from: number; to: number }> = [];

  apply(command: PidOutputCommand | null, nowSeconds: number): void {
    if (!command) return;
    if (command.type === 'duty') this.duty = command.percent / 100;
    else if (command.type === 'off') {
      this.duty = 0;
      this.endPeriod(nowSeconds);
    } else {
      this.endPeriod(nowSeconds);
      this.onUntilSeconds = nowSeconds + command.seconds;
      this.onPeriods.push({ from: nowSeconds, to: this.onUntilSeconds });
    }
  }

  /** Fraction of full power at `nowSeconds`. */
  level(nowSeconds: number): number {
    return nowSeconds < this.onUntilSeconds ? 1 : this.duty;
  }

  private endPeriod(nowSeconds: number): void {
    const last = this.onPeriods.at(-1);
    if (last && last.to > nowSeconds) last.to = nowSeconds;
    this.onUntilSeconds = Math.min(this.onUntilSeconds, nowSeconds);
  }
}

export interface ClosedLoopSample {
  seconds: number;
  temperatureC: number;
  step: PidStep;
}

export interface ClosedLoopOptions {
  durationSeconds: number;
  periodSeconds: number;
  /** Called before each update, e.g. to pause, hold or change the setpoint at a given time. */
  beforeUpdate?: (seconds: number, pid: PidController) => void;
  /** The reading the PID gets (default: the sensor's); return null for a failed read. */
  measure?: (plant: ThermalPlant) => number | null;
}

/** Runs the PID against the plant on simulated time, sub-stepping the plant each second. */
export function runClosedLoop(pid: PidController, plant: ThermalPlant, options: ClosedLoopOptions) {
  const heater = new SimulatedOutput();
  const cooler = new SimulatedOutput();
  const samples: ClosedLoopSample[] = [];
  for (let t = 0; t < options.durationSeconds; t += options.periodSeconds) {
    options.beforeUpdate?.(t, pid);
    const reading = options.measure ? options.measure(plant) : plant.sensorC;
    const step = pid.update(reading, t * 1000);
    samples.push({ seconds: t, temperatureC: plant.temperatureC, step });
    heater.apply(step.raise, t);
    cooler.apply(step.lower, t);
    for (let s = t; s < t + options.periodSeconds; s += 1) plant.advance(1, heater.level(s), cooler.level(s));
  }
  return { samples, heater, cooler };
}
