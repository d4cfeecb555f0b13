import { readdirSync, readFileSync } from 'node:fs';
import { GpiochipGpioDriver } from './gpiochip.driver';
import { GPIO_DRIVER_CHOICES, type GpioDriver, type GpioDriverChoice } from './gpio-driver';
import { OnoffGpioDriver } from './onoff.driver';
import { PigpioGpioDriver } from './pigpio.driver';
import { SimulatedGpioDriver } from './simulated.driver';

/** What start-up knows of the board: the device tree's model and the GPIO character devices. */
export interface BoardInfo {
  /** `/proc/device-tree/model`, e.g. `Raspberry Pi 5 Model B Rev 1.0`; absent off device-tree boards. */
  model?: string;
  /** `gpiochipN` entries under /dev. */
  chardevs: string[];
}

export function readBoard(paths: { modelFile: string; devDir: string } = { modelFile: '/proc/device-tree/model', devDir: '/dev' }): BoardInfo {
  let model: string | undefined;
  try {
    model = readFileSync(paths.modelFile, 'utf8').replace(/\0/g, '').trim() || undefined;
  } catch {
    model = undefined;
  }
  let chardevs: string[] = [];
  try {
    chardevs = readdirSync(paths.devDir).filter((e) => /^gpiochip\d+$/.test(e)).sort();
  } catch {
    chardevs = [];
  }
  return { model, chardevs };
}

const isPi = (model?: string) => /raspberry pi/i.test(model ?? '');
/** Boards whose header is on the RP1, which pigpio cannot drive: Pi 5, Pi 500, Compute Module 5. */
export const isPi5 = (model?: string) => /raspberry pi (5|500)|compute module 5/i.test(model ?? '');

/** The driver to use and why, for the start-up log and /health. */
export interface GpioDriverSelection {
  driver: GpioDriver;
  reason: string;
}

/** How each driver is built; tests pass in-memory bindings. */
export type GpioDriverFactories = Record<Exclude<GpioDriverChoice, 'auto'>, () => GpioDriver>;

export function realDriverFactories(board: BoardInfo): GpioDriverFactories {
  return {
    gpiochip: () => new GpiochipGpioDriver(),
    pigpio: () => new PigpioGpioDriver(undefined, isPi(board.model)),
    onoff: () => new OnoffGpioDriver(),
    simulated: () => new SimulatedGpioDriver(),
  };
}

/**
 * Builds the configured driver. `auto` picks by the board: gpiochip on a Pi 5 and on any board
 * with a GPIO character device whose binding loads; pigpio first on older Pis when it initialises;
 * else simulated (never onoff: it must be asked for). An explicit choice that cannot work here
 * throws, so start-up fails with the driver's message instead of running without GPIO.
 */
export function selectGpioDriver(choice: GpioDriverChoice, board: BoardInfo = readBoard(), make: GpioDriverFactories = realDriverFactories(board)): GpioDriverSelection {
  if (choice !== 'auto') {
    if (!GPIO_DRIVER_CHOICES.includes(choice)) throw new Error(`unknown GPIO driver "${String(choice)}"; GPIO_DRIVER allows ${GPIO_DRIVER_CHOICES.join(', ')}`);
    const driver = make[choice]();
    return { driver, reason: `GPIO_DRIVER=${choice}${chipOf(driver)}` };
  }
  const boardName = board.model ?? 'not a Raspberry Pi';
  const failures: string[] = [];
  const attempt = (name: 'gpiochip' | 'pigpio', why: string): GpioDriverSelection | undefined => {
    try {
      const driver = make[name]();
      return { driver, reason: `${boardName}: ${why}${chipOf(driver)}` };
    } catch (err) {
      failures.push(`${name} unavailable: ${(err as Error).message}`);
      return undefined;
    }
  };
  const chardev = board.chardevs.length > 0;
  const picked = isPi5(board.model)
    ? attempt('gpiochip', 'gpiochip, the GPIO character device (pigpio does not support the RP1 I/O chip)')
    : isPi(board.model)
      ? (attempt('pigpio', 'pigpio (DMA-timed PWM on every pin)') ?? (chardev ? attempt('gpiochip', 'gpiochip, the GPIO character device') : undefined))
      : chardev
        ? attempt('gpiochip', `gpiochip, the GPIO character device (${board.chardevs.join(', ')})`)
        : undefined;
  if (picked) return picked;
  if (failures.length === 0) failures.push('no GPIO character device (/dev/gpiochip*)');
  return { driver: make.simulated(), reason: `${boardName}: simulated (${failures.join('; ')})` };
}

/** ` on gpiochip4 "pinctrl-rp1"` for drivers that name the chip they use. */
function chipOf(driver: GpioDriver): string {
  const chip = (driver as Partial<Pick<GpiochipGpioDriver, 'chip'>>).chip;
  return chip ? ` on ${chip.device ?? 'sysfs'} "${chip.label}"${chip.base !== undefined ? ` (sysfs base ${chip.base})` : ''}` : '';
}
