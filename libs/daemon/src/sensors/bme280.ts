import { setTimeout as sleep } from 'node:timers/promises';
import { altitudeM, dewPointC } from './atmosphere';
import type { InputBackend, InputReading } from '../inputs/input-backend';
import { SensorReadError } from './sensor-read-error';
import type { I2cBus } from './i2c-bus';

/** Registers and constants of the Bosch BME280 datasheet (BST-BME280-DS002), section 5. */
export const BME280 = {
  CHIP_ID: 0x60,
  REG_CALIB_00: 0x88, // 0x88..0xA1: dig_T1..dig_P9, (0xA0 reserved), dig_H1
  CALIB_00_LENGTH: 26,
  REG_CHIP_ID: 0xd0,
  REG_CALIB_26: 0xe1, // 0xE1..0xE7: dig_H2..dig_H6
  CALIB_26_LENGTH: 7,
  REG_CTRL_HUM: 0xf2,
  REG_STATUS: 0xf3,
  REG_CTRL_MEAS: 0xf4,
  REG_DATA: 0xf7, // press_msb..hum_lsb, 8 bytes
  MODE_FORCED: 0b01,
  STATUS_MEASURING: 0b1000,
  /** adc_T / adc_P (20-bit) and adc_H (16-bit) when that measurement was skipped. */
  SKIPPED_20BIT: 0x80000,
  SKIPPED_16BIT: 0x8000,
} as const;

/** The BMP280 shares the address and the T/P registers but has no humidity sensor. */
const BMP280_CHIP_ID = 0x58;

export interface Bme280Calibration {
  T1: number; T2: number; T3: number;
  P1: number; P2: number; P3: number; P4: number; P5: number; P6: number; P7: number; P8: number; P9: number;
  H1: number; H2: number; H3: number; H4: number; H5: number; H6: number;
}

export interface Bme280Raw {
  adcT: number;
  adcP: number;
  adcH: number;
}

export interface Bme280Reading {
  temperatureC: number;
  pressurePa: number;
  humidityPercent: number;
}

/** Decodes the trimming parameters (datasheet table 16) from the two calibration blocks. */
export function parseBme280Calibration(block88: Buffer, blockE1: Buffer): Bme280Calibration {
  const u16 = (offset: number) => block88.readUInt16LE(offset);
  const s16 = (offset: number) => block88.readInt16LE(offset);
  // dig_H4 and dig_H5 are signed 12-bit values sharing the nibbles of 0xE5.
  const signed12 = (value: number) => (value & 0x800 ? value - 0x1000 : value);
  return {
    T1: u16(0), T2: s16(2), T3: s16(4),
    P1: u16(6), P2: s16(8), P3: s16(10), P4: s16(12), P5: s16(14), P6: s16(16), P7: s16(18), P8: s16(20), P9: s16(22),
    H1: block88.readUInt8(25),
    H2: blockE1.readInt16LE(0),
    H3: blockE1.readUInt8(2),
    H4: signed12((blockE1.readUInt8(3) << 4) | (blockE1.readUInt8(4) & 0x0f)),
    H5: signed12((blockE1.readUInt8(5) << 4) | (blockE1.readUInt8(4) >> 4)),
    H6: blockE1.readInt8(6),
  };
}

/** Splits the 8 data bytes (0xF7..0xFE) into the raw 20-bit T/P and 16-bit H values. */
export function parseBme280Data(data: Buffer): Bme280Raw {
  const twentyBit = (at: number) => (data[at] << 12) | (data[at + 1] << 4) | (data[at + 2] >> 4);
  return { adcP: twentyBit(0), adcT: twentyBit(3), adcH: (data[6] << 8) | data[7] };
}

/** The datasheet's floating-point compensation formulas (section 8.1): °C, Pa, %RH. */
export function compensateBme280(raw: Bme280Raw, c: Bme280Calibration): Bme280Reading {
  const t1 = raw.adcT / 16384 - c.T1 / 1024;
  const t2 = raw.adcT / 131072 - c.T1 / 8192;
  const tFine = t1 * c.T2 + t2 * t2 * c.T3;
  return { temperatureC: tFine / 5120, pressurePa: compensatePressure(raw.adcP, tFine, c), humidityPercent: compensateHumidity(raw.adcH, tFine, c) };
}

function compensatePressure(adcP: number, tFine: number, c: Bme280Calibration): number {
  let var1 = tFine / 2 - 64000;
  let var2 = (var1 * var1 * c.P6) / 32768;
  var2 += var1 * c.P5 * 2;
  var2 = var2 / 4 + c.P4 * 65536;
  var1 = ((c.P3 * var1 * var1) / 524288 + c.P2 * var1) / 524288;
  var1 = (1 + var1 / 32768) * c.P1;
  if (var1 === 0) return 0; // the datasheet's guard against division by zero
  let p = 1048576 - adcP;
  p = ((p - var2 / 4096) * 6250) / var1;
  return p + ((c.P9 * p * p) / 2147483648 + (p * c.P8) / 32768 + c.P7) / 16;
}

function compensateHumidity(adcH: number, tFine: number, c: Bme280Calibration): number {
  const x = tFine - 76800;
  let h = (adcH - (c.H4 * 64 + (c.H5 / 16384) * x)) * ((c.H2 / 65536) * (1 + (c.H6 / 67108864) * x * (1 + (c.H3 / 67108864) * x)));
  h *= 1 - (c.H1 * h) / 524288;
  return Math.min(100, Math.max(0, h));
}

/** Oversampling setting of one measurement: 1 = ×1 … 5 = ×16 (0 would skip it). */
export type Bme280Oversampling = 1 | 2 | 3 | 4 | 5;

export interface Bme280Options {
  bus: I2cBus;
  /** 0x76 (SDO to GND) or 0x77 (SDO to VDDIO). */
  address?: number;
  oversampling?: { temperature: Bme280Oversampling; pressure: Bme280Oversampling; humidity: Bme280Oversampling };
  /** For the altitude channel (Mycodo's default: standard sea-level pressure). */
  seaLevelPa?: number;
  /** Injected for tests; waits between status polls. */
  sleep?: (ms: number) => Promise<unknown>;
}

/**
 * A Bosch BME280 on I2C in forced mode, as an input with Mycodo's BME280 channels:
 * 0 temperature C, 1 humidity percent, 2 pressure Pa, 3 dewpoint C, 4 altitude m.
 */
export class Bme280Backend implements InputBackend {
  private readonly address: number;
  private calibration: Bme280Calibration | null = null;

  constructor(private readonly options: Bme280Options) {
    this.address = options.address ?? 0x76;
  }

  /** Checks the chip id and reads the calibration (done by the first `measure` otherwise). */
  async init(): Promise<Bme280Calibration> {
    const { bus } = this.options;
    const id = await bus.readByte(this.address, BME280.REG_CHIP_ID);
    if (id !== BME280.CHIP_ID) {
      const what = id === BMP280_CHIP_ID ? 'a BMP280 (no humidity sensor)' : `chip id 0x${id.toString(16).padStart(2, '0')}`;
      throw new SensorReadError(`I2C 0x${this.address.toString(16)} is ${what}, not a BME280 (chip id 0x60)`);
    }
    const block88 = await bus.readBlock(this.address, BME280.REG_CALIB_00, BME280.CALIB_00_LENGTH);
    const blockE1 = await bus.readBlock(this.address, BME280.REG_CALIB_26, BME280.CALIB_26_LENGTH);
    this.calibration = parseBme280Calibration(block88, blockE1);
    return this.calibration;
  }

  /** One forced-mode conversion, compensated. */
  async read(): Promise<Bme280Reading> {
    const calibration = this.calibration ?? (await this.init());
    const { bus } = this.options;
    const os = this.options.oversampling ?? { temperature: 1, pressure: 1, humidity: 1 };
    // ctrl_hum takes effect only after the following write to ctrl_meas (datasheet 5.4.3).
    await bus.writeByte(this.address, BME280.REG_CTRL_HUM, os.humidity);
    await bus.writeByte(this.address, BME280.REG_CTRL_MEAS, (os.temperature << 5) | (os.pressure << 2) | BME280.MODE_FORCED);
    await this.waitForConversion(os.temperature, os.pressure, os.humidity);
    const raw = parseBme280Data(await bus.readBlock(this.address, BME280.REG_DATA, 8));
    if (raw.adcT === BME280.SKIPPED_20BIT || raw.adcP === BME280.SKIPPED_20BIT || raw.adcH === BME280.SKIPPED_16BIT) {
      throw new SensorReadError(`BME280 at 0x${this.address.toString(16)} returned no conversion (reset values in the data registers)`);
    }
    return compensateBme280(raw, calibration);
  }

  async measure(): Promise<InputReading[]> {
    const { temperatureC, humidityPercent, pressurePa } = await this.read();
    const values: Array<[string, string, number]> = [
      ['temperature', 'C', temperatureC],
      ['humidity', 'percent', humidityPercent],
      ['pressure', 'Pa', pressurePa],
      ['dewpoint', 'C', dewPointC(temperatureC, humidityPercent)],
      ['altitude', 'm', altitudeM(pressurePa, this.options.seaLevelPa)],
    ];
    return values.map(([measurement, unit, value], channel) => ({ channel, measurement, unit, value }));
  }

  async close(): Promise<void> {
    await this.options.bus.close?.();
  }

  /** Polls `measuring` for up to twice the datasheet's maximum conversion time (appendix B). */
  private async waitForConversion(osT: number, osP: number, osH: number): Promise<void> {
    const factor = (setting: number) => 1 << (setting - 1);
    const maxMs = 1.25 + 2.3 * factor(osT) + (2.3 * factor(osP) + 0.575) + (2.3 * factor(osH) + 0.575);
    const wait = this.options.sleep ?? sleep;
    const deadline = Date.now() + 2 * maxMs + 10;
    await wait(Math.ceil(maxMs));
    while ((await this.options.bus.readByte(this.address, BME280.REG_STATUS)) & BME280.STATUS_MEASURING) {
      if (Date.now() > deadline) throw new SensorReadError(`BME280 at 0x${this.address.toString(16)} is still measuring after ${Math.ceil(2 * maxMs)} ms`);
      await wait(2);
    }
  }
}
