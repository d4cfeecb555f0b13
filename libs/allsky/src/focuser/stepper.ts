import { setTimeout as sleep } from 'node:timers/promises';
import type { GpioDriver, Level } from '@app/gpio';
import type { FocuserSettings } from './focuser-settings';

export type Direction = 'in' | 'out';
export type Speed = 'fast' | 'slow';

/** Half-period per step, seconds (the Allsky Server's motor.py). */
const HALF_PERIOD_S: Record<FocuserSettings['type'], Record<Speed, number>> = {
  a4988: { fast: 0.0001, slow: 0.001 },
  uln2003: { fast: 0.003, slow: 0.009 },
};

/** Two-coils-on full-step sequence of a 28BYJ-48; one Allsky "step" is the whole sequence. */
const ULN2003_SEQUENCE: Level[][] = [
  [1, 1, 0, 0],
  [0, 1, 1, 0],
  [0, 0, 1, 1],
  [1, 0, 0, 1],
];

/**
 * Drives a stepper on the GpioDriver, one step at a time, yielding to the event loop so a move
 * never blocks requests. Timer resolution is 1 ms, so sub-millisecond delays are accumulated and
 * slept in 1 ms slices. `shouldStop` is asked before every step (abort).
 */
export class Stepper {
  constructor(
    private readonly driver: GpioDriver,
    private readonly settings: FocuserSettings,
  ) {}

  /** A4988 EN is active-low: enable drives it low. ULN2003 has no enable; disable switches the coils off. */
  enable(): void {
    if (this.settings.type === 'a4988') this.driver.setOutput(this.settings.pins.enable, 0);
  }

  disable(): void {
    if (this.settings.type === 'a4988') this.driver.setOutput(this.settings.pins.enable, 1);
    else this.coilsOff();
  }

  /** Moves up to `steps`; calls onStep after each; returns the steps done. */
  async move(direction: Direction, steps: number, speed: Speed, shouldStop: () => boolean, onStep: (done: number) => void): Promise<number> {
    const halfPeriodMs = HALF_PERIOD_S[this.settings.type][speed] * 1000;
    let owedMs = 0;
    const pause = async () => {
      owedMs += halfPeriodMs;
      if (owedMs >= 1) {
        await sleep(Math.floor(owedMs));
        owedMs -= Math.floor(owedMs);
      } else {
        await new Promise((r) => setImmediate(r));
      }
    };
    let done = 0;
    try {
      if (this.settings.type === 'a4988') {
        const { direction: dirPin, step } = this.settings.pins;
        this.driver.setOutput(dirPin, direction === 'in' ? 1 : 0);
        this.driver.setOutput(step, 0);
        while (done < steps && !shouldStop()) {
          this.driver.write(step, 1);
          await pause();
          this.driver.write(step, 0);
          await pause();
          onStep(++done);
        }
      } else {
        const sequence = direction === 'in' ? [...ULN2003_SEQUENCE].reverse() : ULN2003_SEQUENCE;
        const coils = this.coils();
        for (const pin of coils) this.driver.setOutput(pin, 0);
        while (done < steps && !shouldStop()) {
          for (const phase of sequence) {
            coils.forEach((pin, i) => this.driver.write(pin, phase[i]));
            await pause();
          }
          onStep(++done);
        }
      }
    } finally {
      if (this.settings.type === 'uln2003') this.coilsOff();
    }
    return done;
  }

  private coils(): number[] {
    const { in1, in2, in3, in4 } = this.settings.pins;
    return [in1, in2, in3, in4];
  }

  private coilsOff(): void {
    for (const pin of this.coils()) this.driver.setOutput(pin, 0);
  }
}
