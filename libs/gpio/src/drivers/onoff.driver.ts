import { createRequire } from 'node:module';
import { findPiHeaderChip, PI_HEADER_LINES, readSysfsGpioChips, type GpioChipInfo } from './gpio-chips';
import { assertCapable, GpioCapabilityError, GpioUnavailableError, type EdgeListener, type GpioDriver, type Level, type PinCapability, type PwmSetting } from './gpio-driver';

/** The part of onoff's Gpio class this driver uses (the package is optional, so no type import). */
interface OnoffGpio {
  readSync(): Level;
  writeSync(value: Level): void;
  watch(callback: (err: Error | null | undefined, value: Level) => void): void;
  unwatchAll(): void;
  unexport(): void;
}
interface OnoffModule {
  Gpio: { new (pin: number, direction: 'in' | 'out' | 'high' | 'low', edge?: 'both' | 'none'): OnoffGpio; accessible: boolean };
}

/**
 * Linux sysfs GPIO through the `onoff` package (no root needed when the user is in the gpio group).
 * Digital only: its capability table offers no PWM. The package is loaded here, lazily, so
 * machines that never choose this driver need not have it. Sysfs numbers a chip's lines from its
 * base (0 on old kernels, 512 or 571 on current ones), so BCM GPIO N is exported as base + N of the
 * header's chip, found by label in `<sysRoot>/class/gpio`.
 */
export class OnoffGpioDriver implements GpioDriver {
  readonly name = 'onoff' as const;
  private readonly onoff: OnoffModule;
  /** The chip whose lines the BCM numbers name. */
  readonly chip: GpioChipInfo;
  private readonly count: number;
  private readonly lines = new Map<number, { gpio: OnoffGpio; direction: 'in' | 'out'; listeners: Set<EdgeListener> }>();

  constructor(load: (id: string) => unknown = createRequire(__filename), sysRoot = '/sys') {
    try {
      this.onoff = load('onoff') as OnoffModule;
    } catch (err) {
      throw new GpioUnavailableError(`GPIO_DRIVER=onoff but the optional package "onoff" is not installed (${(err as Error).message}); run npm install onoff, or choose GPIO_DRIVER=simulated`);
    }
    if (!this.onoff.Gpio.accessible) {
      throw new GpioUnavailableError('GPIO_DRIVER=onoff but /sys/class/gpio is not accessible on this machine (no sysfs GPIO, or the user is not in the gpio group)');
    }
    const chips = readSysfsGpioChips(sysRoot);
    const header = findPiHeaderChip(chips);
    const chip = header ?? chips[0];
    if (!chip) throw new GpioUnavailableError(`GPIO_DRIVER=onoff but ${sysRoot}/class/gpio lists no GPIO chip`);
    this.chip = chip;
    this.count = header ? Math.min(PI_HEADER_LINES, chip.lines) : chip.lines;
  }

  /** The sysfs number of BCM GPIO `pin`: the chip's base plus the line. */
  sysfsNumber(pin: number): number {
    return (this.chip.base ?? 0) + pin;
  }

  lineCount(): number {
    return this.count;
  }

  capabilities(): PinCapability[] {
    return Array.from({ length: this.count }, (_, pin) => ({ pin, modes: ['input', 'output'] }));
  }

  setInput(pin: number): void {
    this.open(pin, 'in');
  }

  setOutput(pin: number, level: Level): void {
    this.open(pin, 'out', level).gpio.writeSync(level);
  }

  read(pin: number): Level {
    return (this.lines.get(pin)?.gpio ?? this.open(pin, 'in').gpio).readSync();
  }

  write(pin: number, level: Level): void {
    const line = this.lines.get(pin);
    if (line?.direction !== 'out') throw new Error(`GPIO ${pin} is not an output`);
    line.gpio.writeSync(level);
  }

  setPwm(pin: number, _setting: PwmSetting): void {
    throw new GpioCapabilityError(`GPIO ${pin}: the onoff driver has no PWM; use GPIO_DRIVER=pigpio for PWM`);
  }

  watch(pin: number, listener: EdgeListener): () => void {
    const line = this.lines.get(pin) ?? this.open(pin, 'in');
    line.listeners.add(listener);
    return () => line.listeners.delete(listener);
  }

  release(pin: number): void {
    const line = this.lines.get(pin);
    if (!line) return;
    line.gpio.unwatchAll();
    line.gpio.unexport();
    this.lines.delete(pin);
  }

  close(): void {
    for (const pin of this.lines.keys()) this.release(pin);
  }

  private open(pin: number, direction: 'in' | 'out', level: Level = 0) {
    assertCapable(this, pin, direction === 'in' ? 'input' : 'output');
    const existing = this.lines.get(pin);
    if (existing?.direction === direction) return existing;
    this.release(pin);
    // 'high'/'low' set the direction and the level in one step, so an output never glitches.
    const number = this.sysfsNumber(pin);
    const gpio = direction === 'in' ? new this.onoff.Gpio(number, 'in', 'both') : new this.onoff.Gpio(number, level ? 'high' : 'low');
    const line = { gpio, direction, listeners: new Set<EdgeListener>() };
    if (direction === 'in') gpio.watch((err, value) => !err && line.listeners.forEach((l) => l(value)));
    this.lines.set(pin, line);
    return line;
  }
}
