import { createRequire } from 'node:module';
import { describeGpioDriverContract } from '../../test/gpio-driver.contract';
import { FakeLines, fakeOnoffModule, fakePigpioModule } from '../../test/fake-native-gpio';
import { OnoffGpioDriver } from './onoff.driver';
import { isRaspberryPi, PigpioGpioDriver } from './pigpio.driver';
import { SimulatedGpioDriver } from './simulated.driver';

/**
 * On hardware, GPIO_CONTRACT_PINS="out,in" names two free pins; wire out to in for the edge test.
 * Without it the real drivers run the contract on pins 20 and 21 without the edge test.
 */
const [outPin, inPin] = (process.env.GPIO_CONTRACT_PINS ?? '20,21').split(',').map(Number);
const wired = process.env.GPIO_CONTRACT_PINS !== undefined;

describeGpioDriverContract({
  label: 'simulated',
  create: () => new SimulatedGpioDriver(),
  pins: { output: 17, input: 27 },
  driveInput: (driver, pin, level) => (driver as SimulatedGpioDriver).injectEdge(pin, level),
});

const onoffLines = new FakeLines();
describeGpioDriverContract({
  label: 'onoff over an in-memory onoff module',
  create: () => new OnoffGpioDriver(() => fakeOnoffModule(onoffLines)),
  pins: { output: 17, input: 27 },
  driveInput: (_driver, pin, level) => onoffLines.setExternal(pin, level),
});

const pigpioLines = new FakeLines();
describeGpioDriverContract({
  label: 'pigpio over an in-memory pigpio module',
  create: () => new PigpioGpioDriver(() => fakePigpioModule(pigpioLines), true),
  pins: { output: 17, input: 27 },
  driveInput: (_driver, pin, level) => pigpioLines.setExternal(pin, level),
});

/** The real packages, where this machine can run them (a Raspberry Pi; sysfs GPIO for onoff). */
function onoffUsable(): boolean {
  try {
    return (createRequire(__filename)('onoff') as { Gpio: { accessible: boolean } }).Gpio.accessible;
  } catch {
    return false;
  }
}

const realDrivers = [
  { label: 'pigpio (this Raspberry Pi)', usable: isRaspberryPi(), create: () => new PigpioGpioDriver() },
  { label: 'onoff (this machine\'s sysfs GPIO)', usable: onoffUsable(), create: () => new OnoffGpioDriver() },
];
for (const real of realDrivers) {
  if (!real.usable) {
    console.info(`GpioDriver contract: ${real.label} not run: no such hardware here`);
    continue;
  }
  describeGpioDriverContract({
    label: real.label,
    create: real.create,
    pins: { output: outPin, input: inPin },
    driveInput: wired ? (driver, _pin, level) => driver.setOutput(outPin, level) : undefined,
  });
}
