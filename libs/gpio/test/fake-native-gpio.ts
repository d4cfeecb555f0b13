import { EventEmitter } from 'node:events';
import type { Level } from '../src/drivers/gpio-driver';

/**
 * In-memory stand-ins for the onoff and pigpio packages, shaped like their APIs, so the contract
 * suite exercises OnoffGpioDriver and PigpioGpioDriver on machines without the hardware. Each
 * line is shared state; `setExternal` changes an input as the outside world would.
 */
export class FakeLines {
  readonly levels = new Map<number, Level>();
  readonly emitters = new Map<number, EventEmitter>();
  setExternal(pin: number, level: Level): void {
    if (this.levels.get(pin) === level) return;
    this.levels.set(pin, level);
    this.emitters.get(pin)?.emit('change', level);
  }
  emitter(pin: number): EventEmitter {
    const e = this.emitters.get(pin) ?? new EventEmitter();
    this.emitters.set(pin, e);
    return e;
  }
}

export function fakeOnoffModule(lines: FakeLines) {
  class Gpio {
    static accessible = true;
    constructor(
      private readonly pin: number,
      direction: string,
    ) {
      if (direction === 'high' || direction === 'low') lines.levels.set(pin, direction === 'high' ? 1 : 0);
    }
    readSync(): Level {
      return lines.levels.get(this.pin) ?? 0;
    }
    writeSync(value: Level): void {
      lines.levels.set(this.pin, value);
    }
    watch(cb: (err: null, value: Level) => void): void {
      lines.emitter(this.pin).on('change', (v: Level) => cb(null, v));
    }
    unwatchAll(): void {
      lines.emitter(this.pin).removeAllListeners('change');
    }
    unexport(): void {}
  }
  return { Gpio };
}

export function fakePigpioModule(lines: FakeLines) {
  class Gpio extends EventEmitter {
    static INPUT = 0;
    static OUTPUT = 1;
    private readonly relay = (v: Level) => this.emit('alert', v);
    constructor(private readonly pin: number) {
      super();
    }
    mode(): void {}
    digitalRead(): Level {
      return lines.levels.get(this.pin) ?? 0;
    }
    digitalWrite(level: Level): void {
      lines.levels.set(this.pin, level);
    }
    pwmFrequency(): void {}
    pwmWrite(): void {}
    enableAlert(): void {
      lines.emitter(this.pin).on('change', this.relay);
    }
    disableAlert(): void {
      lines.emitter(this.pin).off('change', this.relay);
    }
  }
  return { Gpio, terminate: () => undefined };
}
