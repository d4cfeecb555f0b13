import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describeGpioDriverContract } from '../../test/gpio-driver.contract';
import { FakeLines, fakeLibgpiodModule, fakeOnoffModule, fakePigpioModule, raspberryPi5Chips } from '../../test/fake-native-gpio';
import { PI5_SYSFS, useFakeSysfs } from '../../test/fake-sysfs';
import { GpiochipGpioDriver } from './gpiochip.driver';
import { OnoffGpioDriver } from './onoff.driver';
import { isRaspberryPi, PigpioGpioDriver } from './pigpio.driver';
import { isPi5, readBoard } from './select-driver';
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

/** A Pi 5's sysfs (RP1 at base 571, RP1 PWM): onoff exports base + BCM, gpiochip finds the PWM chip. */
const pi5Sysfs = useFakeSysfs()(PI5_SYSFS);

const onoffLines = new FakeLines();
describeGpioDriverContract({
  label: 'onoff over an in-memory onoff module (Pi 5 sysfs numbering)',
  create: () => new OnoffGpioDriver(() => fakeOnoffModule(onoffLines), pi5Sysfs),
  pins: { output: 17, input: 27 },
  driveInput: (driver, pin, level) => onoffLines.setExternal((driver as OnoffGpioDriver).sysfsNumber(pin), level),
});

const gpiodLines = new FakeLines();
describeGpioDriverContract({
  label: 'gpiochip over an in-memory node-libgpiod (Pi 5 chips)',
  create: () => new GpiochipGpioDriver({ load: () => fakeLibgpiodModule(raspberryPi5Chips(gpiodLines)), sysRoot: pi5Sysfs }),
  pins: { output: 18, input: 27 },
  driveInput: (driver, pin, level) => {
    gpiodLines.levels.set(pin, level);
    (driver as GpiochipGpioDriver).pollEdges(); // what its poll timer does every EDGE_POLL_MS
  },
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

/** A GPIO character device this user can open, and node-libgpiod built. */
function gpiochipUsable(): boolean {
  try {
    createRequire(__filename)('node-libgpiod');
    return existsSync('/dev') && readdirSync('/dev').some((e) => /^gpiochip\d+$/.test(e));
  } catch {
    return false;
  }
}

const realDrivers = [
  { label: 'gpiochip (this machine\'s GPIO character device)', usable: gpiochipUsable(), create: () => new GpiochipGpioDriver() },
  { label: 'pigpio (this Raspberry Pi)', usable: isRaspberryPi() && !isPi5(readBoard().model), create: () => new PigpioGpioDriver() },
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
    // the wired output drives the input; edges reach watchers asynchronously (alerts, epoll, polling)
    driveInput: wired ? (driver, _pin, level) => settle(() => driver.setOutput(outPin, level)) : undefined,
  });
}

async function settle(act: () => void): Promise<void> {
  act();
  await new Promise((resolve) => setTimeout(resolve, 50));
}
