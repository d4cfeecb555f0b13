import { OnoffGpioDriver } from './onoff.driver';
import { isRaspberryPi, PigpioGpioDriver } from './pigpio.driver';
import { GPIO_DRIVER_CHOICES, type GpioDriver, type GpioDriverChoice } from './gpio-driver';
import { SimulatedGpioDriver } from './simulated.driver';

/**
 * Builds the configured driver. `auto` picks pigpio on a Raspberry Pi whose pigpio package loads,
 * otherwise the simulated driver (never onoff: it must be asked for). An explicit choice that cannot
 * work here throws, so start-up fails with the driver's message instead of running without GPIO.
 */
export function createGpioDriver(choice: GpioDriverChoice, onPi = isRaspberryPi()): GpioDriver {
  switch (choice) {
    case 'simulated':
      return new SimulatedGpioDriver();
    case 'onoff':
      return new OnoffGpioDriver();
    case 'pigpio':
      return new PigpioGpioDriver(undefined, onPi);
    case 'auto':
      if (onPi) {
        try {
          return new PigpioGpioDriver(undefined, onPi);
        } catch {
          return new SimulatedGpioDriver();
        }
      }
      return new SimulatedGpioDriver();
    default:
      throw new Error(`unknown GPIO driver "${String(choice)}"; GPIO_DRIVER allows ${GPIO_DRIVER_CHOICES.join(', ')}`);
  }
}
