import { FakeLines, fakeOnoffModule } from '../../test/fake-native-gpio';
import { PI4_SYSFS, PI5_SYSFS, useFakeSysfs } from '../../test/fake-sysfs';
import { findPiHeaderChip, readSysfsGpioChips } from './gpio-chips';
import { GpioUnavailableError } from './gpio-driver';
import { OnoffGpioDriver } from './onoff.driver';

/** The sysfs numbers the onoff package was asked to export. */
function recordingOnoff(exported: number[], lines = new FakeLines()) {
  const { Gpio } = fakeOnoffModule(lines);
  class Recording extends Gpio {
    constructor(pin: number, direction: string) {
      super(pin, direction);
      exported.push(pin);
    }
  }
  return () => ({ Gpio: Recording });
}

describe('finding the header chip by label in sysfs', () => {
  const tree = useFakeSysfs();

  it('Pi 4: the BCM2711 at base 512 on gpiochip0, not the firmware expander', () => {
    const chips = readSysfsGpioChips(tree(PI4_SYSFS));
    expect(chips.map((c) => c.label)).toEqual(['pinctrl-bcm2711', 'raspberrypi-exp-gpio']);
    expect(findPiHeaderChip(chips)).toEqual({ label: 'pinctrl-bcm2711', base: 512, lines: 58, device: 'gpiochip0' });
  });

  it('Pi 5: the RP1 at base 571 on gpiochip4, behind four brcmstb chips', () => {
    const chips = readSysfsGpioChips(tree(PI5_SYSFS));
    expect(chips).toHaveLength(5);
    expect(findPiHeaderChip(chips)).toEqual({ label: 'pinctrl-rp1', base: 571, lines: 54, device: 'gpiochip4' });
  });

  it('no chip: an empty class/gpio, or none at all', () => {
    const empty = tree({ gpio: [], pwm: [] });
    expect(readSysfsGpioChips(empty)).toEqual([]);
    expect(readSysfsGpioChips(`${empty}/absent`)).toEqual([]);
    expect(findPiHeaderChip([])).toBeUndefined();
    expect(findPiHeaderChip([{ label: 'gpio-mockup-A', lines: 8 }])).toBeUndefined();
  });

  it('onoff exports BCM GPIO N as base + N of the header chip: 17 is 588 on a Pi 5, 529 on a Pi 4', () => {
    const exported: number[] = [];
    const pi5 = new OnoffGpioDriver(recordingOnoff(exported), tree(PI5_SYSFS));
    pi5.setOutput(17, 1);
    pi5.setInput(27);
    expect(exported).toEqual([588, 598]);
    expect(pi5.lineCount()).toBe(28);
    const pi4 = new OnoffGpioDriver(recordingOnoff(exported), tree(PI4_SYSFS));
    pi4.setOutput(17, 0);
    expect(exported.at(-1)).toBe(529);
    expect(pi4.sysfsNumber(0)).toBe(512);
  });

  it('onoff on another board uses its first chip with all its lines; with no chip it is unavailable', () => {
    const other = new OnoffGpioDriver(recordingOnoff([]), tree({ gpio: [{ base: 0, label: 'gpio-mockup-A', lines: 8, chardev: 'gpiochip0', device: 'platform/gpio-mockup.0' }], pwm: [] }));
    expect(other.lineCount()).toBe(8);
    expect(other.sysfsNumber(3)).toBe(3);
    const none = tree({ gpio: [], pwm: [] });
    expect(() => new OnoffGpioDriver(recordingOnoff([]), none)).toThrow(GpioUnavailableError);
    expect(() => new OnoffGpioDriver(recordingOnoff([]), none)).toThrow(`GPIO_DRIVER=onoff but ${none}/class/gpio lists no GPIO chip`);
  });
});
