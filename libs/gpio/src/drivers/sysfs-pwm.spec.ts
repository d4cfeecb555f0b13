import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FakeLines, fakeLibgpiodModule, raspberryPi5Chips, type FakeChip } from '../../test/fake-native-gpio';
import { PI4_SYSFS, PI5_SYSFS, readFake, useFakeSysfs } from '../../test/fake-sysfs';
import { GpioCapabilityError } from './gpio-driver';
import { GpiochipGpioDriver } from './gpiochip.driver';
import { findHeaderPwmChannels, pwmNanoseconds, SysfsPwmOutput } from './sysfs-pwm';

describe('hardware PWM through sysfs (/sys/class/pwm)', () => {
  const tree = useFakeSysfs();
  const pi5Driver = (sysRoot: string) => new GpiochipGpioDriver({ load: () => fakeLibgpiodModule(raspberryPi5Chips()), sysRoot });

  it('Pi 5: the RP1 PWM0 (not the fan PWM1) drives GPIO 12, 13, 18 and 19 on channels 0-3', () => {
    const root = tree(PI5_SYSFS);
    const channels = findHeaderPwmChannels(root);
    expect([...channels.entries()].map(([pin, c]) => [pin, relative(root, c.chipDir), c.channel])).toEqual([
      [12, 'class/pwm/pwmchip2', 0],
      [13, 'class/pwm/pwmchip2', 1],
      [18, 'class/pwm/pwmchip2', 2],
      [19, 'class/pwm/pwmchip2', 3],
    ]);
    const caps = pi5Driver(root).capabilities();
    expect(caps.filter((c) => c.modes.includes('pwm')).map((c) => c.pin)).toEqual([12, 13, 18, 19]);
  });

  it('no PWM chip: no pin offers PWM and setPwm is refused', () => {
    const driver = pi5Driver(tree({ gpio: [], pwm: [] }));
    expect(driver.capabilities().some((c) => c.modes.includes('pwm'))).toBe(false);
    expect(() => driver.setPwm(18, { frequency: 1000, duty: 32768 })).toThrow(GpioCapabilityError);
  });

  it('writes export, period, duty_cycle and enable with nanoseconds, and disables and unexports on release', () => {
    const root = tree(PI5_SYSFS);
    const driver = pi5Driver(root);
    driver.setPwm(18, { frequency: 1000, duty: 32768 });
    expect(readFake(root, 'class/pwm/pwmchip2/export')).toBe('2');
    expect(readFake(root, 'class/pwm/pwmchip2/pwm2/period')).toBe('1000000');
    expect(readFake(root, 'class/pwm/pwmchip2/pwm2/duty_cycle')).toBe('500008');
    expect(readFake(root, 'class/pwm/pwmchip2/pwm2/enable')).toBe('1');
    driver.setPwm(18, { frequency: 25000, duty: 65535 });
    expect(readFake(root, 'class/pwm/pwmchip2/pwm2/period')).toBe('40000');
    expect(readFake(root, 'class/pwm/pwmchip2/pwm2/duty_cycle')).toBe('40000');
    driver.release(18);
    expect(readFake(root, 'class/pwm/pwmchip2/pwm2/enable')).toBe('0');
    expect(readFake(root, 'class/pwm/pwmchip2/unexport')).toBe('2');
  });

  it('never lets the duty exceed the period: a shorter period gets its duty first, a longer one after', () => {
    const root = tree(PI5_SYSFS);
    const chipDir = join(root, 'class/pwm/pwmchip2');
    const order: string[] = [];
    const files = {
      read: (path: string) => readFileSync(path, 'utf8'),
      write: (path: string, text: string) => {
        order.push(`${relative(chipDir, path)}=${text}`);
        writeFileSync(path, text);
      },
    };
    const pwm = new SysfsPwmOutput({ chipDir, channel: 0 }, files);
    pwm.set({ frequency: 100, duty: 65535 });
    pwm.set({ frequency: 1000, duty: 65535 });
    pwm.set({ frequency: 10, duty: 0 });
    expect(order).toEqual([
      'export=0',
      'pwm0/period=10000000',
      'pwm0/duty_cycle=10000000',
      'pwm0/enable=1',
      'pwm0/duty_cycle=1000000',
      'pwm0/period=1000000',
      'pwm0/enable=1',
      'pwm0/period=100000000',
      'pwm0/duty_cycle=0',
      'pwm0/enable=1',
    ]);
  });

  it('Pi 4: one BCM2711 channel reaches two pins, so the second pin on a busy channel is refused', () => {
    const pi4: FakeChip[] = [{ device: 'gpiochip0', label: 'pinctrl-bcm2711', lines: 58, levels: new FakeLines() }];
    const driver = new GpiochipGpioDriver({ load: () => fakeLibgpiodModule(pi4), sysRoot: tree(PI4_SYSFS) });
    expect(driver.capabilities().filter((c) => c.modes.includes('pwm')).map((c) => c.pin)).toEqual([12, 13, 18, 19]);
    driver.setPwm(18, { frequency: 50, duty: 1000 });
    expect(() => driver.setPwm(12, { frequency: 50, duty: 1000 })).toThrow('GPIO 12: its PWM channel 0 already drives GPIO 18');
    driver.setPwm(19, { frequency: 50, duty: 1000 });
    driver.release(18);
    expect(() => driver.setPwm(12, { frequency: 50, duty: 1000 })).not.toThrow();
  });

  it('refuses a frequency of 0 or below, and clamps the duty to 0..65535', () => {
    expect(() => pwmNanoseconds({ frequency: 0, duty: 1 })).toThrow(GpioCapabilityError);
    expect(pwmNanoseconds({ frequency: 50, duty: 70000 })).toEqual({ period: 20000000, duty: 20000000 });
    expect(pwmNanoseconds({ frequency: 50, duty: -1 })).toEqual({ period: 20000000, duty: 0 });
  });
});
