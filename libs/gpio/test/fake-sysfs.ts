import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A GPIO controller in a fake sysfs tree: its class/gpio entry and the character device beside it. */
export interface FakeSysfsGpioChip {
  base: number;
  label: string;
  lines: number;
  chardev: string;
  /** Its platform device under devices/. */
  device: string;
}

/** A PWM controller in a fake sysfs tree; its channels' folders exist as if exported, holding zeros. */
export interface FakeSysfsPwmChip {
  name: string;
  device: string;
  compatible: string;
  channels: number;
}

export interface FakeSysfsLayout {
  gpio: FakeSysfsGpioChip[];
  pwm: FakeSysfsPwmChip[];
}

/** A Raspberry Pi 4 on a 6.6 kernel: the BCM2711 at base 512, the firmware's expander after it; PWM with pwm-2chan. */
export const PI4_SYSFS: FakeSysfsLayout = {
  gpio: [
    { base: 512, label: 'pinctrl-bcm2711', lines: 58, chardev: 'gpiochip0', device: 'platform/soc/fe200000.gpio' },
    { base: 570, label: 'raspberrypi-exp-gpio', lines: 8, chardev: 'gpiochip1', device: 'platform/soc/soc:firmware/soc:firmware:gpio' },
  ],
  pwm: [{ name: 'pwmchip0', device: 'platform/soc/fe20c000.pwm', compatible: 'brcm,bcm2835-pwm', channels: 2 }],
};

/** A Raspberry Pi 5: four brcmstb chips from 512, the RP1 (header) at base 571 as gpiochip4; RP1 PWM1 (fan) and PWM0. */
export const PI5_SYSFS: FakeSysfsLayout = {
  gpio: [
    { base: 512, label: 'gpio-brcmstb@107d508500', lines: 32, chardev: 'gpiochip0', device: 'platform/soc/107d508500.gpio' },
    { base: 544, label: 'gpio-brcmstb@107d508520', lines: 4, chardev: 'gpiochip1', device: 'platform/soc/107d508520.gpio' },
    { base: 548, label: 'gpio-brcmstb@107d517c00', lines: 17, chardev: 'gpiochip2', device: 'platform/soc/107d517c00.gpio' },
    { base: 565, label: 'gpio-brcmstb@107d517c20', lines: 6, chardev: 'gpiochip3', device: 'platform/soc/107d517c20.gpio' },
    { base: 571, label: 'pinctrl-rp1', lines: 54, chardev: 'gpiochip4', device: 'platform/axi/1000120000.pcie/1f000d0000.gpio' },
  ],
  pwm: [
    { name: 'pwmchip0', device: 'platform/axi/1000120000.pcie/1f0009c000.pwm', compatible: 'raspberrypi,rp1-pwm', channels: 4 },
    { name: 'pwmchip2', device: 'platform/axi/1000120000.pcie/1f00098000.pwm', compatible: 'raspberrypi,rp1-pwm', channels: 4 },
  ],
};

/** Writes `layout` as real files and symlinks under a new temporary folder and returns it (a sysfs root). */
export function makeFakeSysfs(layout: FakeSysfsLayout): string {
  const root = mkdtempSync(join(tmpdir(), 'skygate-sysfs-'));
  const classGpio = join(root, 'class/gpio');
  mkdirSync(classGpio, { recursive: true });
  for (const chip of layout.gpio) {
    const device = join(root, 'devices', chip.device);
    mkdirSync(join(device, chip.chardev), { recursive: true });
    const entry = join(classGpio, `gpiochip${chip.base}`);
    mkdirSync(entry);
    writeFileSync(join(entry, 'label'), `${chip.label}\n`);
    writeFileSync(join(entry, 'base'), `${chip.base}\n`);
    writeFileSync(join(entry, 'ngpio'), `${chip.lines}\n`);
    symlinkSync(device, join(entry, 'device'));
  }
  for (const pwm of layout.pwm) {
    const device = join(root, 'devices', pwm.device);
    mkdirSync(join(device, 'of_node'), { recursive: true });
    writeFileSync(join(device, 'of_node/compatible'), `${pwm.compatible}\0`);
    const chip = join(root, 'class/pwm', pwm.name);
    mkdirSync(chip, { recursive: true });
    symlinkSync(device, join(chip, 'device'));
    writeFileSync(join(chip, 'npwm'), `${pwm.channels}\n`);
    writeFileSync(join(chip, 'export'), '');
    writeFileSync(join(chip, 'unexport'), '');
    for (let channel = 0; channel < pwm.channels; channel++) {
      mkdirSync(join(chip, `pwm${channel}`));
      for (const file of ['period', 'duty_cycle', 'enable']) writeFileSync(join(chip, `pwm${channel}`, file), '0\n');
    }
  }
  return root;
}

/** For a spec file: makes fake trees on demand and removes them all after the file's tests. */
export function useFakeSysfs(): (layout: FakeSysfsLayout) => string {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
  return (layout) => {
    const root = makeFakeSysfs(layout);
    roots.push(root);
    return root;
  };
}

/** The text of one file in a fake tree, trimmed. */
export function readFake(root: string, path: string): string {
  return readFileSync(join(root, path), 'utf8').trim();
}
