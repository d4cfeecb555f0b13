import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/core';
import { GPIO_DRIVER } from './drivers/gpio-driver';
import { createGpioDriver } from './drivers/select-driver';
import { GpioPinEntity } from './entities/gpio-pin.entity';
import { GpioController } from './gpio.controller';
import { GpioPinRepository } from './gpio-pin.repository';
import { GpioService } from './gpio.service';

/** GPIO_DRIVER (chosen by GPIO_DRIVER at start-up), the pin service and the Allsky Server's /gpio routes. */
@Module({
  imports: [TypeOrmModule.forFeature([GpioPinEntity])],
  controllers: [GpioController],
  providers: [
    {
      provide: GPIO_DRIVER,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const driver = createGpioDriver(config.hardware.gpioDriver);
        new Logger('Gpio').log(`GPIO_DRIVER=${config.hardware.gpioDriver}: using the ${driver.name} driver`);
        return driver;
      },
    },
    GpioPinRepository,
    GpioService,
  ],
  exports: [GPIO_DRIVER, GpioService],
})
export class GpioModule {}
