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

/** One chip of the in-memory node-libgpiod: its label, line count, line names and line levels. */
export interface FakeChip {
  device: string;
  label: string;
  lines: number;
  lineNames?: string[];
  levels?: FakeLines;
}

/** What the in-memory node-libgpiod saw: who holds each line, and every request made. */
export interface FakeGpiodLog {
  held: Map<string, { consumer: string; direction: 'input' | 'output' }>;
}

/**
 * An in-memory node-libgpiod over `chips`. Like the kernel it refuses a second request of a held
 * line (EBUSY) and remembers each holder's consumer label; an input reads its FakeLines level.
 */
export function fakeLibgpiodModule(chips: FakeChip[], log: FakeGpiodLog = { held: new Map() }) {
  class Line {
    private requested = false;
    constructor(
      private readonly chip: FakeChip,
      private readonly offset: number,
    ) {}
    private get key() {
      return `${this.chip.device}:${this.offset}`;
    }
    private get levels() {
      return (this.chip.levels ??= new FakeLines());
    }
    private request(consumer: string | undefined, direction: 'input' | 'output') {
      if (log.held.has(this.key)) throw Object.assign(new Error('::requestMode - Device or resource busy'), { code: 'EBUSY' });
      log.held.set(this.key, { consumer: consumer ?? '', direction });
      this.requested = true;
    }
    requestInputMode(consumer?: string) {
      this.request(consumer, 'input');
    }
    requestOutputMode(consumer?: string, defaultValue: Level = 0) {
      this.request(consumer, 'output');
      this.levels.levels.set(this.offset, defaultValue);
    }
    getValue(): Level {
      if (!this.requested) throw new Error('line not requested');
      return this.levels.levels.get(this.offset) ?? 0;
    }
    setValue(value: Level) {
      if (log.held.get(this.key)?.direction !== 'output') throw new Error('line not requested as output');
      this.levels.levels.set(this.offset, value);
    }
    release() {
      if (this.requested) log.held.delete(this.key);
      this.requested = false;
    }
  }
  class Chip {
    private readonly chip: FakeChip;
    constructor(device: string) {
      const chip = chips.find((c) => c.device === device);
      if (!chip) throw Object.assign(new Error(`Unable to open chip ${device}`), { code: 'ENOENT' });
      this.chip = chip;
    }
    get label() {
      return this.chip.label;
    }
    get numberOfLines() {
      return this.chip.lines;
    }
    get lineNames() {
      return this.chip.lineNames ?? Array.from({ length: this.chip.lines }, () => '');
    }
    getLine(offset: number) {
      if (offset < 0 || offset >= this.chip.lines) throw Object.assign(new Error(`Unable to open GPIO line ${offset}`), { code: 'EINVAL' });
      return new Line(this.chip, offset);
    }
  }
  return { Chip, getChipNames: () => chips.map((c) => c.device), log };
}

/** The chips a Raspberry Pi 5 shows on kernels before 6.6.45: four brcmstb chips, then the RP1 as gpiochip4. */
export function raspberryPi5Chips(levels = new FakeLines()): FakeChip[] {
  const brcmstb = ['107d508500', '107d508520', '107d517c00', '107d517c20'].map((addr, i): FakeChip => ({ device: `gpiochip${i}`, label: `gpio-brcmstb@${addr}`, lines: 32 }));
  const names = Array.from({ length: 54 }, (_, i) => (i === 0 ? 'ID_SDA' : i === 1 ? 'ID_SCL' : `GPIO${i}`));
  return [...brcmstb, { device: 'gpiochip4', label: 'pinctrl-rp1', lines: 54, lineNames: names, levels }];
}
