import { BME280, type Bme280Calibration, type Bme280Raw } from './bme280';
import type { MemoryI2cDevice } from './i2c-bus';

export interface Bme280SimulatorOptions {
  calibration: Bme280Calibration;
  /** The raw conversion results a forced measurement puts into 0xF7..0xFE. */
  raw: Bme280Raw;
  chipId?: number;
  /** Status polls answered "measuring" after each forced start (to exercise the wait). */
  busyPolls?: number;
}

/**
 * A BME280 register map for `MemoryI2cBus`: chip id, calibration in the datasheet's layout, and a
 * forced conversion (a write of mode 01/10 to ctrl_meas) that fills the data registers.
 */
export function bme280Simulator(options: Bme280SimulatorOptions): MemoryI2cDevice & { conversions: number } {
  const registers = new Uint8Array(256);
  registers[BME280.REG_CHIP_ID] = options.chipId ?? BME280.CHIP_ID;
  writeCalibration(registers, options.calibration);
  // Power-on values of the data registers: "skipped" until the first conversion.
  registers.set([0x80, 0, 0, 0x80, 0, 0, 0x80, 0], BME280.REG_DATA);
  let busy = 0;
  const device = {
    registers,
    conversions: 0,
    onRead(register: number) {
      if (register !== BME280.REG_STATUS || busy === 0) return;
      busy--;
      if (busy === 0) registers[BME280.REG_STATUS] = 0;
    },
    onWrite(register: number, value: number) {
      const mode = value & 0b11;
      if (register !== BME280.REG_CTRL_MEAS || mode === 0b00 || mode === 0b11) return;
      const { adcP, adcT, adcH } = options.raw;
      registers.set([adcP >> 12, (adcP >> 4) & 0xff, (adcP & 0x0f) << 4, adcT >> 12, (adcT >> 4) & 0xff, (adcT & 0x0f) << 4, adcH >> 8, adcH & 0xff], BME280.REG_DATA);
      registers[BME280.REG_CTRL_MEAS] = value & ~0b11; // back to sleep mode once done
      busy = options.busyPolls ?? 0;
      registers[BME280.REG_STATUS] = busy > 0 ? BME280.STATUS_MEASURING : 0;
      device.conversions++;
    },
  };
  return device;
}

function writeCalibration(registers: Uint8Array, c: Bme280Calibration): void {
  const view = Buffer.from(registers.buffer, registers.byteOffset, registers.byteLength);
  const at = BME280.REG_CALIB_00;
  view.writeUInt16LE(c.T1, at);
  [c.T2, c.T3].forEach((v, n) => view.writeInt16LE(v, at + 2 + 2 * n));
  view.writeUInt16LE(c.P1, at + 6);
  [c.P2, c.P3, c.P4, c.P5, c.P6, c.P7, c.P8, c.P9].forEach((v, n) => view.writeInt16LE(v, at + 8 + 2 * n));
  view.writeUInt8(c.H1, at + 25);
  const e1 = BME280.REG_CALIB_26;
  view.writeInt16LE(c.H2, e1);
  view.writeUInt8(c.H3, e1 + 2);
  const h4 = c.H4 & 0xfff;
  const h5 = c.H5 & 0xfff;
  view.writeUInt8(h4 >> 4, e1 + 3);
  view.writeUInt8(((h5 & 0x0f) << 4) | (h4 & 0x0f), e1 + 4);
  view.writeUInt8(h5 >> 4, e1 + 5);
  view.writeInt8(c.H6, e1 + 6);
}

/**
 * The simulated mode's BME280 (input option `i2c_bus: "simulated"`): the T/P worked example of
 * the Bosch datasheet and a breakout board's humidity trimming, reading 25.08 °C, 1006.53 hPa
 * and ~48 %RH.
 */
export const SIMULATED_BME280: Bme280SimulatorOptions = {
  calibration: { T1: 27504, T2: 26435, T3: -1000, P1: 36477, P2: -10685, P3: 3024, P4: 2855, P5: 140, P6: -7, P7: 15500, P8: -14600, P9: 6000, H1: 75, H2: 362, H3: 0, H4: 313, H5: 50, H6: 30 },
  raw: { adcT: 519888, adcP: 415148, adcH: 31_000 },
};
