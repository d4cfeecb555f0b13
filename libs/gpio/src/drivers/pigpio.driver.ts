import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { assertCapable, GpioUnavailableError, type EdgeListener, type GpioDriver, type Level, type PinCapability, type PwmSetting } from './gpio-driver';

/** The part of pigpio's API this driver uses (the package is optional, so no type import). */
interface PigpioGpio {
  mode(mode: number): void;
  digitalRead(): Level;
  digitalWrite(level: Level): void;
  pwmFrequency(frequency: number): void;
  pwmWrite(dutyCycle: number): void;
  enableAlert(): void;
  disableAlert(): void;
  on(event: 'alert', listener: (level: Level) => void): void;
  removeAllListeners(event: 'alert'): void;
}
interface PigpioModule {
  Gpio: { new (pin: number, options: { mode: number }): PigpioGpio; INPUT: number; OUTPUT: number };
  /** Starts the C library; fails when another pigpio (the pigpiod daemon) holds the chip or the user is not root. */
  initialize?(): void;
  terminate(): void;
}

const PI_LINES = 28;

/** True on a Raspberry Pi (the device tree names the board); pigpio works nowhere else. */
export function isRaspberryPi(readModel: () => string = () => readFileSync('/proc/device-tree/model', 'utf8')): boolean {
  try {
    return /raspberry pi/i.test(readModel());
  } catch {
    return false;
  }
}

/**
 * Raspberry Pi GPIO through pigpio (needs root, or run pigpiod and let it own the chip). The
 * package is an optionalDependency loaded only here; on anything but a Pi the constructor fails
 * with a message saying so, because a pigpio that installed on x86 loads but cannot initialise.
 * PWM: pigpio's DMA-timed PWM on any line, duty scaled from 0..65535 to its 0..255 range.
 */
export class PigpioGpioDriver implements GpioDriver {
  readonly name = 'pigpio' as const;
  private readonly pigpio: PigpioModule;
  private readonly lines = new Map<number, { gpio: PigpioGpio; listeners: Set<EdgeListener> }>();

  constructor(load: (id: string) => unknown = createRequire(__filename), onPi = isRaspberryPi()) {
    if (!onPi) {
      throw new GpioUnavailableError('GPIO_DRIVER=pigpio but this machine is not a Raspberry Pi (/proc/device-tree/model does not name one); choose GPIO_DRIVER=auto or simulated');
    }
    try {
      this.pigpio = load('pigpio') as PigpioModule;
    } catch (err) {
      throw new GpioUnavailableError(`GPIO_DRIVER=pigpio but the optional package "pigpio" is not installed (${(err as Error).message}); run npm install pigpio`);
    }
    try {
      this.pigpio.initialize?.();
    } catch (err) {
      throw new GpioUnavailableError(`pigpio could not start (${(err as Error).message}); it needs root and no running pigpiod`);
    }
  }

  lineCount(): number {
    return PI_LINES;
  }

  capabilities(): PinCapability[] {
    return Array.from({ length: PI_LINES }, (_, pin) => ({ pin, modes: ['input', 'output', 'pwm'] }));
  }

  setInput(pin: number): void {
    assertCapable(this, pin, 'input');
    this.line(pin).gpio.mode(this.pigpio.Gpio.INPUT);
  }

  setOutput(pin: number, level: Level): void {
    assertCapable(this, pin, 'output');
    const { gpio } = this.line(pin);
    gpio.digitalWrite(level); // digitalWrite also switches the line to output
  }

  read(pin: number): Level {
    assertCapable(this, pin, 'input');
    return this.line(pin).gpio.digitalRead();
  }

  write(pin: number, level: Level): void {
    assertCapable(this, pin, 'output');
    this.line(pin).gpio.digitalWrite(level);
  }

  setPwm(pin: number, setting: PwmSetting): void {
    assertCapable(this, pin, 'pwm');
    const { gpio } = this.line(pin);
    gpio.pwmFrequency(setting.frequency);
    gpio.pwmWrite(Math.round((setting.duty / 65535) * 255));
  }

  watch(pin: number, listener: EdgeListener): () => void {
    const line = this.line(pin);
    if (line.listeners.size === 0) {
      line.gpio.on('alert', (level) => line.listeners.forEach((l) => l(level)));
      line.gpio.enableAlert();
    }
    line.listeners.add(listener);
    return () => line.listeners.delete(listener);
  }

  release(pin: number): void {
    const line = this.lines.get(pin);
    if (!line) return;
    line.gpio.disableAlert();
    line.gpio.removeAllListeners('alert');
    line.gpio.mode(this.pigpio.Gpio.INPUT);
    this.lines.delete(pin);
  }

  close(): void {
    for (const pin of this.lines.keys()) this.release(pin);
    this.pigpio.terminate();
  }

  private line(pin: number) {
    let line = this.lines.get(pin);
    if (!line) {
      line = { gpio: new this.pigpio.Gpio(pin, { mode: this.pigpio.Gpio.INPUT }), listeners: new Set() };
      this.lines.set(pin, line);
    }
    return line;
  }
}
