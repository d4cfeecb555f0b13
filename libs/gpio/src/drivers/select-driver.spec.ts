import { GpioCapabilityError, GpioUnavailableError, type GpioDriverChoice } from './gpio-driver';
import { OnoffGpioDriver } from './onoff.driver';
import { isRaspberryPi, PigpioGpioDriver } from './pigpio.driver';
import { createGpioDriver } from './select-driver';
import { FakeLines, fakeOnoffModule } from '../../test/fake-native-gpio';

describe('createGpioDriver', () => {
  it('auto on a machine that is not a Raspberry Pi gives the simulated driver', () => {
    expect(createGpioDriver('auto', false).name).toBe('simulated');
    expect(createGpioDriver('simulated', true).name).toBe('simulated');
  });

  it('an explicit pigpio off a Raspberry Pi fails with a message saying so', () => {
    expect(() => createGpioDriver('pigpio', false)).toThrow(GpioUnavailableError);
    expect(() => createGpioDriver('pigpio', false)).toThrow(/not a Raspberry Pi/);
  });

  it('pigpio on a Pi without the package says to install it', () => {
    const missing = () => {
      throw new Error("Cannot find module 'pigpio'");
    };
    expect(() => new PigpioGpioDriver(missing, true)).toThrow(/optional package "pigpio" is not installed/);
  });

  it('onoff without sysfs GPIO fails with a clear message; without the package too', () => {
    const lines = new FakeLines();
    const inaccessible = () => ({ Gpio: Object.assign(fakeOnoffModule(lines).Gpio, { accessible: false }) });
    expect(() => new OnoffGpioDriver(inaccessible)).toThrow(/\/sys\/class\/gpio is not accessible/);
    const missing = () => {
      throw new Error("Cannot find module 'onoff'");
    };
    expect(() => new OnoffGpioDriver(missing)).toThrow(/optional package "onoff" is not installed/);
  });

  it('onoff has no PWM in its capability table and refuses PWM', () => {
    const driver = new OnoffGpioDriver(() => fakeOnoffModule(new FakeLines()));
    expect(driver.capabilities().some((c) => c.modes.includes('pwm'))).toBe(false);
    expect(() => driver.setPwm(18, { frequency: 1000, duty: 1 })).toThrow(GpioCapabilityError);
  });

  it('refuses an unknown driver name, listing the allowed ones', () => {
    expect(() => createGpioDriver('bogus' as GpioDriverChoice, false)).toThrow('unknown GPIO driver "bogus"; GPIO_DRIVER allows auto, pigpio, onoff, simulated');
  });

  it('this machine: isRaspberryPi reads the device tree model', () => {
    expect(isRaspberryPi(() => 'Raspberry Pi 4 Model B Rev 1.4\0')).toBe(true);
    expect(isRaspberryPi(() => 'QEMU Virtual Machine')).toBe(false);
    expect(
      isRaspberryPi(() => {
        throw new Error('ENOENT');
      }),
    ).toBe(false);
  });
});
