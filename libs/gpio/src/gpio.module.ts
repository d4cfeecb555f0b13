import { Logger, Module, type FactoryProvider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, HealthContributors } from '@app/core';
import { GPIO_DRIVER, type GpioDriver } from './drivers/gpio-driver';
import { selectGpioDriver } from './drivers/select-driver';
import { GpioPinEntity } from './entities/gpio-pin.entity';
import { GpioPinRepository } from './gpio-pin.repository';
import { PinClaims } from './pin-claims';

/**
 * Builds the configured driver at start-up; a driver that cannot work here fails start-up with its
 * message. The choice and its reason are logged and become the `gpio` section of /health.
 */
export const gpioDriverProvider: FactoryProvider<GpioDriver> = {
  provide: GPIO_DRIVER,
  inject: [AppConfig, { token: HealthContributors, optional: true }],
  useFactory: (config: AppConfig, health?: HealthContributors) => {
    const { driver, reason } = selectGpioDriver(config.hardware.gpioDriver);
    new Logger('Gpio').log(`GPIO_DRIVER=${config.hardware.gpioDriver}: using the ${driver.name} driver (${reason})`);
    health?.register('gpio', () => ({ driver: driver.name, reason }));
    return driver;
  },
};

/** GPIO_DRIVER (chosen by GPIO_DRIVER at start-up), the process-wide PinClaims and the persisted pin states. */
@Module({
  imports: [TypeOrmModule.forFeature([GpioPinEntity])],
  providers: [gpioDriverProvider, GpioPinRepository, PinClaims],
  exports: [GPIO_DRIVER, GpioPinRepository, PinClaims],
})
export class GpioModule {}
