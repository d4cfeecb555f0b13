import { GpioCapabilityError, type GpioDriver, type Level } from '../src/drivers/gpio-driver';

/** How a contract run makes an input pin change: inject it (simulated, doubles) or drive a wired output. */
export interface ContractHarness {
  label: string;
  create(): GpioDriver;
  /** An output and an input pin to use; on hardware, nothing else may be connected to them. */
  pins: { output: number; input: number };
  /** Makes `pin` (claimed as input) read `level`; absent when the machine has no way to do it. */
  driveInput?: (driver: GpioDriver, pin: number, level: Level) => void | Promise<void>;
}

/**
 * The GpioDriver contract (libs/gpio/README.md) as a Jest suite. Run against every driver this
 * machine has: the simulated one always, pigpio on a Raspberry Pi, onoff where sysfs GPIO exists.
 */
export function describeGpioDriverContract(h: ContractHarness): void {
  describe(`GpioDriver contract: ${h.label}`, () => {
    let driver: GpioDriver;
    beforeEach(() => {
      driver = h.create();
    });
    afterEach(() => driver.close());

    it('has one capability entry per line, each naming its pin and at least input and output', () => {
      const table = driver.capabilities();
      expect(table).toHaveLength(driver.lineCount());
      table.forEach((entry, i) => {
        expect(entry.pin).toBe(i);
        expect(entry.modes).toEqual(expect.arrayContaining(['input', 'output']));
      });
    });

    it('drives an output to the level given when claiming, and reads it back after writes', () => {
      driver.setOutput(h.pins.output, 1);
      expect(driver.read(h.pins.output)).toBe(1);
      driver.write(h.pins.output, 0);
      expect(driver.read(h.pins.output)).toBe(0);
      driver.write(h.pins.output, 1);
      expect(driver.read(h.pins.output)).toBe(1);
    });

    it('refuses pins beyond the chip with GpioCapabilityError', () => {
      expect(() => driver.setOutput(driver.lineCount(), 1)).toThrow(GpioCapabilityError);
      expect(() => driver.setInput(-1)).toThrow(GpioCapabilityError);
    });

    it('does PWM exactly where the capability table says so, and refuses it elsewhere', () => {
      const pin = h.pins.output;
      if (driver.capabilities()[pin].modes.includes('pwm')) {
        expect(() => driver.setPwm(pin, { frequency: 1000, duty: 32768 })).not.toThrow();
        expect(() => driver.setPwm(pin, { frequency: 50, duty: 0 })).not.toThrow();
      } else {
        expect(() => driver.setPwm(pin, { frequency: 1000, duty: 32768 })).toThrow(GpioCapabilityError);
      }
    });

    it('a released pin can be claimed again in another mode', () => {
      driver.setOutput(h.pins.output, 1);
      driver.release(h.pins.output);
      driver.setInput(h.pins.output);
      expect([0, 1]).toContain(driver.read(h.pins.output));
    });

    if (h.driveInput) {
      const drive = h.driveInput;
      it('reports input edges to watchers until they unsubscribe', async () => {
        driver.setInput(h.pins.input);
        await drive(driver, h.pins.input, 0);
        const seen: Level[] = [];
        const stop = driver.watch(h.pins.input, (level) => seen.push(level));
        await drive(driver, h.pins.input, 1);
        expect(driver.read(h.pins.input)).toBe(1);
        await drive(driver, h.pins.input, 0);
        stop();
        await drive(driver, h.pins.input, 1);
        expect(seen).toEqual([1, 0]);
      });
    }
  });
}
