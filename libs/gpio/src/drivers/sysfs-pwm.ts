import { readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GpioCapabilityError, type PwmSetting } from './gpio-driver';

/** One hardware PWM channel: `<chip>/pwm<channel>` under /sys/class/pwm. */
export interface PwmChannel {
  chipDir: string;
  channel: number;
}

/**
 * PWM controllers whose channels reach header pins, and which BCM pin each channel drives once
 * the pin is muxed to PWM (`dtoverlay=pwm-2chan` or `pwm,pin=…`). Pi 5: the RP1's PWM0 (its
 * PWM1 drives the fan). Pi 0-4: the BCM283x PWM, whose two channels each reach two pins.
 */
const HEADER_PWM_CONTROLLERS = [
  { compatible: 'raspberrypi,rp1-pwm', device: /98000\.pwm$/, pins: { 12: 0, 13: 1, 18: 2, 19: 3 } },
  { compatible: 'brcm,bcm2835-pwm', device: /\.pwm$/, pins: { 12: 0, 18: 0, 13: 1, 19: 1 } },
];

/** BCM pin → hardware PWM channel for every header pin a PWM chip under `<sysRoot>/class/pwm` can drive. */
export function findHeaderPwmChannels(sysRoot = '/sys'): Map<number, PwmChannel> {
  const found = new Map<number, PwmChannel>();
  const dir = join(sysRoot, 'class/pwm');
  let chips: string[];
  try {
    chips = readdirSync(dir).filter((e) => /^pwmchip\d+$/.test(e));
  } catch {
    return found;
  }
  for (const chip of chips) {
    const chipDir = join(dir, chip);
    try {
      const compatible = readFileSync(join(chipDir, 'device/of_node/compatible'), 'utf8').split('\0');
      const device = basename(realpathSync(join(chipDir, 'device')));
      const channels = Number(readFileSync(join(chipDir, 'npwm'), 'utf8'));
      const controller = HEADER_PWM_CONTROLLERS.find((c) => compatible.includes(c.compatible) && c.device.test(device));
      for (const [pin, channel] of Object.entries(controller?.pins ?? {})) {
        if (channel < channels && !found.has(Number(pin))) found.set(Number(pin), { chipDir, channel });
      }
    } catch {
      // a PWM chip without a device-tree node is not one of the header's
    }
  }
  return found;
}

/** Nanoseconds of one period, and of its high part, for a setting (duty on the 0..65535 scale). */
export function pwmNanoseconds(setting: PwmSetting): { period: number; duty: number } {
  if (!(setting.frequency > 0)) throw new GpioCapabilityError(`PWM frequency must be above 0 Hz (got ${setting.frequency})`);
  const period = Math.round(1e9 / setting.frequency);
  return { period, duty: Math.round((period * Math.min(Math.max(setting.duty, 0), 65535)) / 65535) };
}

/** File access of SysfsPwmOutput; tests wrap it to see the order of writes. */
export interface SysfsFiles {
  read(path: string): string;
  write(path: string, text: string): void;
}
const realFiles: SysfsFiles = { read: (path) => readFileSync(path, 'utf8'), write: (path, text) => writeFileSync(path, text) };

/** One exported channel of the kernel's sysfs PWM interface (Documentation/driver-api/pwm.rst). */
export class SysfsPwmOutput {
  private exported = false;

  constructor(
    private readonly target: PwmChannel,
    private readonly files: SysfsFiles = realFiles,
  ) {}

  /** Exports the channel once, sets period and duty in an order the kernel accepts, and enables it. */
  set(setting: PwmSetting): void {
    const { period, duty } = pwmNanoseconds(setting);
    this.export();
    // The kernel refuses a duty longer than the period at every step, so a shorter period gets its duty first.
    const current = Number(this.read('period')) || 0;
    if (period < current) {
      this.write('duty_cycle', duty);
      this.write('period', period);
    } else {
      this.write('period', period);
      this.write('duty_cycle', duty);
    }
    this.write('enable', 1);
  }

  /** Disables and unexports the channel. */
  stop(): void {
    if (!this.exported) return;
    this.write('enable', 0);
    try {
      this.files.write(join(this.target.chipDir, 'unexport'), String(this.target.channel));
    } catch {
      // already gone: nothing left to give back
    }
    this.exported = false;
  }

  private export(): void {
    if (this.exported) return;
    try {
      this.files.write(join(this.target.chipDir, 'export'), String(this.target.channel));
    } catch (err) {
      // EBUSY: exported already (by an earlier run); the channel's files are there to use
      if ((err as NodeJS.ErrnoException).code !== 'EBUSY') throw err;
    }
    this.exported = true;
  }

  private read(file: string): string {
    return this.files.read(join(this.target.chipDir, `pwm${this.target.channel}`, file)).trim();
  }

  private write(file: string, value: number): void {
    this.files.write(join(this.target.chipDir, `pwm${this.target.channel}`, file), String(value));
  }
}
