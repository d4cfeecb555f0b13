/** Injection token of the active GpioDriver (see libs/gpio/README.md for the contract). */
export const GPIO_DRIVER = Symbol('GPIO_DRIVER');

export type GpioDriverName = 'gpiochip' | 'pigpio' | 'onoff' | 'simulated';
export type GpioDriverChoice = GpioDriverName | 'auto';
export const GPIO_DRIVER_CHOICES: GpioDriverChoice[] = ['auto', 'gpiochip', 'pigpio', 'onoff', 'simulated'];

export type PinMode = 'input' | 'output' | 'pwm';
export type Level = 0 | 1;

/** What one line can do; callers consult this before using a pin (johnny-five's supportedModes). */
export interface PinCapability {
  pin: number;
  modes: PinMode[];
  /** The kernel's name of the line (e.g. `GPIO17`, `ID_SDA`), where the driver knows it. */
  name?: string;
}

/** Hardware PWM settings: frequency in Hz, duty as the Allsky Server's 16-bit value 0..65535. */
export interface PwmSetting {
  frequency: number;
  duty: number;
}

export type EdgeListener = (level: Level) => void;

/**
 * One GPIO backend. Pins are BCM line numbers 0..lineCount-1. Every method may throw
 * GpioUnavailableError (the backend cannot work here) or GpioCapabilityError (the pin or driver
 * cannot do what was asked); anything else is a hardware failure.
 */
export interface GpioDriver {
  readonly name: GpioDriverName;
  /** Number of lines on the chip. */
  lineCount(): number;
  /** One entry per line. */
  capabilities(): PinCapability[];
  /** Claims the pin as an input (idempotent). */
  setInput(pin: number): void;
  /** Claims the pin as an output and drives `level` at once (no glitch to the other level). */
  setOutput(pin: number, level: Level): void;
  /** Reads the level: an input's pin level, an output's driven level. */
  read(pin: number): Level;
  /** Drives an output pin. */
  write(pin: number, level: Level): void;
  /** Starts (or changes) PWM on the pin; duty 0 keeps the line low. */
  setPwm(pin: number, setting: PwmSetting): void;
  /** Calls `listener` on every level change of an input pin until the returned function is called. */
  watch(pin: number, listener: EdgeListener): () => void;
  /** Gives the pin back (stops PWM, stops watching, returns it to input). */
  release(pin: number): void;
  /** Releases every pin and the backend itself. */
  close(): void;
}

/** The backend cannot be used on this machine (no chip, no daemon, package missing): HTTP 503. */
export class GpioUnavailableError extends Error {
  override name = 'GpioUnavailableError';
}

/** The driver or pin does not support the requested mode (e.g. PWM on onoff). */
export class GpioCapabilityError extends Error {
  override name = 'GpioCapabilityError';
}

/** Throws GpioCapabilityError unless `pin` exists and supports `mode`. Drivers share this check. */
export function assertCapable(driver: Pick<GpioDriver, 'name' | 'capabilities'>, pin: number, mode: PinMode): void {
  const entry = driver.capabilities()[pin];
  if (!entry || entry.pin !== pin) throw new GpioCapabilityError(`GPIO ${pin} does not exist on the ${driver.name} driver`);
  if (!entry.modes.includes(mode)) throw new GpioCapabilityError(`GPIO ${pin} does not support ${mode} on the ${driver.name} driver`);
}
