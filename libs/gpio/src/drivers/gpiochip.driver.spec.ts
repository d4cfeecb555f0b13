import { FakeLines, fakeLibgpiodModule, raspberryPi5Chips, type FakeChip } from '../../test/fake-native-gpio';
import { GpioUnavailableError, type Level } from './gpio-driver';
import { GPIOCHIP_CONSUMER, GpiochipGpioDriver } from './gpiochip.driver';

const noPwm = '/nonexistent';

describe('gpiochip driver over an in-memory node-libgpiod', () => {
  it('opens the RP1 among a Pi 5\'s five chips by label, 28 header lines named as the kernel names them', () => {
    const driver = new GpiochipGpioDriver({ load: () => fakeLibgpiodModule(raspberryPi5Chips()), sysRoot: noPwm });
    expect(driver.chip).toEqual({ device: 'gpiochip4', label: 'pinctrl-rp1', lines: 54 });
    expect(driver.lineCount()).toBe(28);
    expect(driver.capabilities()[0]).toEqual({ pin: 0, modes: ['input', 'output'], name: 'ID_SDA' });
    expect(driver.capabilities()[17]).toEqual({ pin: 17, modes: ['input', 'output'], name: 'GPIO17' });
  });

  it('holds lines under the consumer label "skygate", as input or output, and gives them back', () => {
    const gpiod = fakeLibgpiodModule(raspberryPi5Chips());
    const driver = new GpiochipGpioDriver({ load: () => gpiod, sysRoot: noPwm });
    driver.setOutput(17, 1);
    driver.setInput(27);
    expect(GPIOCHIP_CONSUMER).toBe('skygate');
    expect(Object.fromEntries(gpiod.log.held)).toEqual({ 'gpiochip4:17': { consumer: 'skygate', direction: 'output' }, 'gpiochip4:27': { consumer: 'skygate', direction: 'input' } });
    driver.close();
    expect(gpiod.log.held.size).toBe(0);
  });

  it('drives the level given with the output request itself (no glitch through the other level)', () => {
    const levels = new FakeLines();
    const driver = new GpiochipGpioDriver({ load: () => fakeLibgpiodModule(raspberryPi5Chips(levels)), sysRoot: noPwm });
    driver.setOutput(5, 1);
    expect(levels.levels.get(5)).toBe(1);
    driver.setOutput(5, 0);
    expect(levels.levels.get(5)).toBe(0);
  });

  it('a line another program holds fails the claim with the kernel\'s error', () => {
    const gpiod = fakeLibgpiodModule(raspberryPi5Chips());
    gpiod.log.held.set('gpiochip4:22', { consumer: 'other', direction: 'output' });
    const driver = new GpiochipGpioDriver({ load: () => gpiod, sysRoot: noPwm });
    expect(() => driver.setInput(22)).toThrow(/busy/);
  });

  it('reports edges of a watched input from its poll timer, and stops polling when nobody watches', async () => {
    const levels = new FakeLines();
    const driver = new GpiochipGpioDriver({ load: () => fakeLibgpiodModule(raspberryPi5Chips(levels)), sysRoot: noPwm, edgePollMs: 1 });
    const seen: Level[] = [];
    const stop = driver.watch(4, (level) => seen.push(level));
    levels.levels.set(4, 1);
    await waitFor(() => seen.length === 1);
    levels.levels.set(4, 0);
    await waitFor(() => seen.length === 2);
    expect(seen).toEqual([1, 0]);
    stop();
    levels.levels.set(4, 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([1, 0]);
    driver.close();
  });

  it('another board: its first chip with every line; no chip or no binding: unavailable, saying what to install', () => {
    const other: FakeChip[] = [{ device: 'gpiochip0', label: '1-0020', lines: 16 }];
    expect(new GpiochipGpioDriver({ load: () => fakeLibgpiodModule(other), sysRoot: noPwm }).lineCount()).toBe(16);
    expect(() => new GpiochipGpioDriver({ load: () => fakeLibgpiodModule([]) })).toThrow(GpioUnavailableError);
    expect(() => new GpiochipGpioDriver({ load: () => fakeLibgpiodModule([]) })).toThrow('no GPIO character device (/dev/gpiochip*)');
    const missing = () => {
      throw new Error("Cannot find module 'node-libgpiod'");
    };
    expect(() => new GpiochipGpioDriver({ load: missing })).toThrow(/optional package "node-libgpiod" did not load .*install libgpiod-dev/);
  });
});

async function waitFor(done: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting for an edge');
    await new Promise((r) => setTimeout(r, 2));
  }
}
