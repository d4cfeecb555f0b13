import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, HealthContributors } from '@app/core';
import { GPIO_DRIVER, type GpioDriver } from './drivers/gpio-driver';
import { isRaspberryPi } from './drivers/pigpio.driver';
import { readBoard } from './drivers/select-driver';
import { gpioDriverProvider } from './gpio.module';

/** Boots just the GPIO_DRIVER provider the way the app does at start-up. */
async function bootDriver(gpioDriver: AppConfig['hardware']['gpioDriver'], health = new HealthContributors()): Promise<GpioDriver> {
  const config = new AppConfig({ port: 0, host: '127.0.0.1', dataDir: '/tmp', database: { kind: 'pglite', dataDir: 'memory://' }, logLevel: 'silent', uploadMaxBytes: 1, hardware: { gpioDriver } });
  @Module({ providers: [{ provide: AppConfig, useValue: config }, { provide: HealthContributors, useValue: health }, gpioDriverProvider] })
  class DriverOnly {}
  const context = await NestFactory.createApplicationContext(DriverOnly, { abortOnError: false, logger: false });
  try {
    return context.get<GpioDriver>(GPIO_DRIVER);
  } finally {
    await context.close();
  }
}

describe('GPIO_DRIVER at start-up', () => {
  it('auto and simulated start the simulated driver on this machine', async () => {
    expect((await bootDriver('simulated')).name).toBe('simulated');
    const board = readBoard();
    if (!isRaspberryPi() && board.chardevs.length === 0) expect((await bootDriver('auto')).name).toBe('simulated');
  });

  it('adds the driver and the reason for it to /health', async () => {
    const health = new HealthContributors();
    await bootDriver('simulated', health);
    expect(health.collect()).toEqual({ gpio: { driver: 'simulated', reason: 'GPIO_DRIVER=simulated' } });
  });

  if (isRaspberryPi()) {
    console.info('GPIO_DRIVER=pigpio start-up failure not checked: this machine is a Raspberry Pi');
  } else {
    it('GPIO_DRIVER=pigpio off a Raspberry Pi stops start-up with a message saying why', async () => {
      await expect(bootDriver('pigpio')).rejects.toThrow(
        'GPIO_DRIVER=pigpio but this machine is not a Raspberry Pi (/proc/device-tree/model does not name one); choose GPIO_DRIVER=auto or simulated',
      );
    });
  }
});
