import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One GPIO chip as the kernel describes it. */
export interface GpioChipInfo {
  /** Its character device under /dev (`gpiochip0`), when known. */
  device?: string;
  /** The kernel's label: `pinctrl-rp1` on a Pi 5, `pinctrl-bcm2711` on a Pi 4, `pinctrl-bcm2835` before. */
  label: string;
  /** Its first number in the legacy sysfs numbering (`/sys/class/gpio`): 0 on old kernels, several hundred on current ones. */
  base?: number;
  lines: number;
}

/**
 * Labels of the chip wired to a Raspberry Pi's 40-pin header, newest board first. On each of them
 * line offset N is BCM GPIO N; the header uses lines 0-27.
 */
export const PI_HEADER_CHIP_LABELS = ['pinctrl-rp1', 'pinctrl-bcm2711', 'pinctrl-bcm2835'] as const;

/** BCM GPIOs 0-27: the lines a Raspberry Pi's header brings out. */
export const PI_HEADER_LINES = 28;

/** The chip carrying the Raspberry Pi header among `chips`, found by label, never by number. */
export function findPiHeaderChip<T extends GpioChipInfo>(chips: T[]): T | undefined {
  for (const label of PI_HEADER_CHIP_LABELS) {
    const chip = chips.find((c) => c.label === label);
    if (chip) return chip;
  }
  return undefined;
}

/**
 * The chips under `<sysRoot>/class/gpio` (label, base, ngpio), each with the character device
 * its parent device holds; sorted by base. Empty when the kernel has no sysfs GPIO.
 */
export function readSysfsGpioChips(sysRoot = '/sys'): GpioChipInfo[] {
  const dir = join(sysRoot, 'class/gpio');
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((e) => /^gpiochip\d+$/.test(e));
  } catch {
    return [];
  }
  const chips = entries.map((entry): GpioChipInfo => {
    const read = (file: string) => readFileSync(join(dir, entry, file), 'utf8').trim();
    return { label: read('label'), base: Number(read('base')), lines: Number(read('ngpio')), device: chardevOf(join(dir, entry, 'device')) };
  });
  return chips.sort((a, b) => (a.base ?? 0) - (b.base ?? 0));
}

/** The `gpiochipN` character device a GPIO controller's device folder holds, if any. */
function chardevOf(deviceDir: string): string | undefined {
  try {
    return readdirSync(deviceDir).find((e) => /^gpiochip\d+$/.test(e));
  } catch {
    return undefined;
  }
}
