import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GpiochipGpioDriver } from './gpiochip.driver';
import { GpioCapabilityError, GpioUnavailableError, type GpioDriverChoice } from './gpio-driver';
import { FakeLines, fakeLibgpiodModule, fakeOnoffModule, fakePigpioModule, raspberryPi5Chips, type FakeChip } from '../../test/fake-native-gpio';
import { OnoffGpioDriver } from './onoff.driver';
import { isRaspberryPi, PigpioGpioDriver } from './pigpio.driver';
import { PI5_SYSFS, useFakeSysfs } from '../../test/fake-sysfs';
import { readBoard, selectGpioDriver, type BoardInfo, type GpioDriverFactories } from './select-driver';
import { SimulatedGpioDriver } from './simulated.driver';

const tree = useFakeSysfs();
const pi5Sysfs = () => tree(PI5_SYSFS);

const missing = (name: string) => () => {
  throw new Error(`Cannot find module '${name}'`);
};
const pi4Chips: FakeChip[] = [
  { device: 'gpiochip0', label: 'pinctrl-bcm2711', lines: 58 },
  { device: 'gpiochip1', label: 'raspberrypi-exp-gpio', lines: 8 },
];

/** Drivers over in-memory bindings: `chips` for node-libgpiod (none: the package is missing), pigpio working or not. */
function factories(opts: { chips?: FakeChip[]; pigpio: boolean; onPi: boolean }): GpioDriverFactories {
  return {
    gpiochip: () => new GpiochipGpioDriver({ load: opts.chips ? () => fakeLibgpiodModule(opts.chips!) : missing('node-libgpiod'), sysRoot: '/nonexistent' }),
    pigpio: () => new PigpioGpioDriver(opts.pigpio ? () => fakePigpioModule(new FakeLines()) : missing('pigpio'), opts.onPi),
    onoff: () => new OnoffGpioDriver(() => fakeOnoffModule(new FakeLines()), pi5Sysfs()),
    simulated: () => new SimulatedGpioDriver(),
  };
}

describe('GPIO_DRIVER=auto picks by the board', () => {
  const pi5: BoardInfo = { model: 'Raspberry Pi 5 Model B Rev 1.0', chardevs: ['gpiochip0', 'gpiochip1', 'gpiochip2', 'gpiochip3', 'gpiochip4'] };
  const pi4: BoardInfo = { model: 'Raspberry Pi 4 Model B Rev 1.4', chardevs: ['gpiochip0', 'gpiochip1'] };

  it('a Pi 5 gets gpiochip on the RP1, never pigpio, and the reason says so', () => {
    const { driver, reason } = selectGpioDriver('auto', pi5, factories({ chips: raspberryPi5Chips(), pigpio: true, onPi: true }));
    expect(driver.name).toBe('gpiochip');
    expect(reason).toBe('Raspberry Pi 5 Model B Rev 1.0: gpiochip, the GPIO character device (pigpio does not support the RP1 I/O chip) on gpiochip4 "pinctrl-rp1"');
  });

  it('a Pi 5 whose libgpiod binding is missing runs simulated and says why', () => {
    const { driver, reason } = selectGpioDriver('auto', pi5, factories({ pigpio: true, onPi: true }));
    expect(driver.name).toBe('simulated');
    expect(reason).toMatch(/^Raspberry Pi 5 Model B Rev 1.0: simulated \(gpiochip unavailable: GPIO_DRIVER=gpiochip but the optional package "node-libgpiod" did not load/);
  });

  it('a Pi 4 gets pigpio where it starts, else gpiochip on the BCM2711, else simulated', () => {
    expect(selectGpioDriver('auto', pi4, factories({ chips: pi4Chips, pigpio: true, onPi: true })).driver.name).toBe('pigpio');
    const fallback = selectGpioDriver('auto', pi4, factories({ chips: pi4Chips, pigpio: false, onPi: true }));
    expect(fallback.driver.name).toBe('gpiochip');
    expect(fallback.reason).toBe('Raspberry Pi 4 Model B Rev 1.4: gpiochip, the GPIO character device on gpiochip0 "pinctrl-bcm2711"');
    const neither = selectGpioDriver('auto', pi4, factories({ pigpio: false, onPi: true }));
    expect(neither.driver.name).toBe('simulated');
    expect(neither.reason).toMatch(/pigpio unavailable: .*not installed.*; gpiochip unavailable: .*node-libgpiod/);
  });

  it('another Linux board with a GPIO character device gets gpiochip on its first chip', () => {
    const board: BoardInfo = { model: 'Radxa ROCK 5B', chardevs: ['gpiochip0'] };
    const { driver, reason } = selectGpioDriver('auto', board, factories({ chips: [{ device: 'gpiochip0', label: 'gpio0', lines: 32 }], pigpio: true, onPi: false }));
    expect(driver.name).toBe('gpiochip');
    expect(driver.lineCount()).toBe(32);
    expect(reason).toBe('Radxa ROCK 5B: gpiochip, the GPIO character device (gpiochip0) on gpiochip0 "gpio0"');
  });

  it('a machine without a Pi model or a GPIO character device runs simulated', () => {
    const { driver, reason } = selectGpioDriver('auto', { chardevs: [] }, factories({ chips: raspberryPi5Chips(), pigpio: true, onPi: false }));
    expect(driver.name).toBe('simulated');
    expect(reason).toBe('not a Raspberry Pi: simulated (no GPIO character device (/dev/gpiochip*))');
  });

  it('an explicit choice is used as given, or stops start-up with its message', () => {
    const make = factories({ chips: raspberryPi5Chips(), pigpio: true, onPi: false });
    expect(selectGpioDriver('gpiochip', pi5, make).reason).toBe('GPIO_DRIVER=gpiochip on gpiochip4 "pinctrl-rp1"');
    expect(selectGpioDriver('onoff', pi5, make).reason).toBe('GPIO_DRIVER=onoff on gpiochip4 "pinctrl-rp1" (sysfs base 571)');
    expect(selectGpioDriver('simulated', pi5, make).driver.name).toBe('simulated');
    expect(() => selectGpioDriver('pigpio', pi5, make)).toThrow(/not a Raspberry Pi/);
    expect(() => selectGpioDriver('bogus' as GpioDriverChoice, pi5, make)).toThrow('unknown GPIO driver "bogus"; GPIO_DRIVER allows auto, gpiochip, pigpio, onoff, simulated');
  });

  it('readBoard reads the device-tree model (NUL-terminated) and the gpiochip devices', () => {
    const root = tree({ gpio: [], pwm: [] });
    writeFileSync(join(root, 'model'), 'Raspberry Pi 5 Model B Rev 1.0\0');
    mkdirSync(join(root, 'dev'));
    for (const f of ['gpiochip4', 'gpiochip0', 'gpiomem0', 'tty']) writeFileSync(join(root, 'dev', f), '');
    expect(readBoard({ modelFile: join(root, 'model'), devDir: join(root, 'dev') })).toEqual({ model: 'Raspberry Pi 5 Model B Rev 1.0', chardevs: ['gpiochip0', 'gpiochip4'] });
    expect(readBoard({ modelFile: join(root, 'absent'), devDir: join(root, 'absent') })).toEqual({ model: undefined, chardevs: [] });
  });
});

describe('driver start-up failures', () => {
  it('pigpio: off a Pi, without the package, and when the C library cannot start, each with its message', () => {
    expect(() => new PigpioGpioDriver(() => fakePigpioModule(new FakeLines()), false)).toThrow(/not a Raspberry Pi/);
    expect(() => new PigpioGpioDriver(missing('pigpio'), true)).toThrow(/optional package "pigpio" is not installed/);
    const locked = () => ({
      ...fakePigpioModule(new FakeLines()),
      initialize: () => {
        throw new Error("initInitialise: Can't lock /var/run/pigpio.pid");
      },
    });
    expect(() => new PigpioGpioDriver(locked, true)).toThrow(GpioUnavailableError);
    expect(() => new PigpioGpioDriver(locked, true)).toThrow(/pigpio could not start .*Can't lock.*needs root and no running pigpiod/);
  });

  it('onoff without sysfs GPIO fails with a clear message; without the package too', () => {
    const lines = new FakeLines();
    const inaccessible = () => ({ Gpio: Object.assign(fakeOnoffModule(lines).Gpio, { accessible: false }) });
    expect(() => new OnoffGpioDriver(inaccessible)).toThrow(/\/sys\/class\/gpio is not accessible/);
    expect(() => new OnoffGpioDriver(missing('onoff'))).toThrow(/optional package "onoff" is not installed/);
  });

  it('onoff has no PWM in its capability table and refuses PWM', () => {
    const driver = new OnoffGpioDriver(() => fakeOnoffModule(new FakeLines()), pi5Sysfs());
    expect(driver.capabilities().some((c) => c.modes.includes('pwm'))).toBe(false);
    expect(() => driver.setPwm(18, { frequency: 1000, duty: 1 })).toThrow(GpioCapabilityError);
  });

  it('isRaspberryPi reads the device tree model', () => {
    expect(isRaspberryPi(() => 'Raspberry Pi 4 Model B Rev 1.4\0')).toBe(true);
    expect(isRaspberryPi(() => 'QEMU Virtual Machine')).toBe(false);
    expect(
      isRaspberryPi(() => {
        throw new Error('ENOENT');
      }),
    ).toBe(false);
  });
});
