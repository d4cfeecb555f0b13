export {
  assertCapable,
  GPIO_DRIVER,
  GPIO_DRIVER_CHOICES,
  GpioCapabilityError,
  GpioUnavailableError,
  type EdgeListener,
  type GpioDriver,
  type GpioDriverChoice,
  type GpioDriverName,
  type Level,
  type PinCapability,
  type PinMode,
  type PwmSetting,
} from './drivers/gpio-driver';
export { OnoffGpioDriver } from './drivers/onoff.driver';
export { isRaspberryPi, PigpioGpioDriver } from './drivers/pigpio.driver';
export { GpiochipGpioDriver } from './drivers/gpiochip.driver';
export { readBoard, selectGpioDriver, type BoardInfo, type GpioDriverSelection } from './drivers/select-driver';
export { SimulatedGpioDriver, type SimulatedPinState } from './drivers/simulated.driver';
export { GpioPinEntity, type PinClaimMode } from './entities/gpio-pin.entity';
export { GpioPinRepository } from './gpio-pin.repository';
export type { GpioPinChangedEvent } from './gpio.events';
export { GpioModule, gpioDriverProvider } from './gpio.module';
export { GPIO_MIGRATIONS } from './migrations';
export { PinClaimedError, PinClaims } from './pin-claims';
