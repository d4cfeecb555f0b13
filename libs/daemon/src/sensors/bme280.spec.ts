import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { altitudeM, dewPointC } from './atmosphere';
import { SensorReadError } from './sensor-read-error';
import { BME280, Bme280Backend, compensateBme280, type Bme280Calibration, type Bme280Raw } from './bme280';
import { bme280Simulator } from './bme280-simulator';
import { MemoryI2cBus, openI2cBus, I2cUnavailableError } from './i2c-bus';

/** The worked example of the Bosch BMP280 datasheet (§3.12; same T/P registers and formulas as the BME280). */
const DATASHEET_EXAMPLE = {
  calibration: { T1: 27504, T2: 26435, T3: -1000, P1: 36477, P2: -10685, P3: 3024, P4: 2855, P5: 140, P6: -7, P7: 15500, P8: -14600, P9: 6000 },
  raw: { adcT: 519888, adcP: 415148 },
  temperatureC: 25.08, // t_fine = 128422
  pressurePa: 100653.27,
};
/** Humidity trimming read from a BME280 breakout board. */
const BOARD_HUMIDITY = { H1: 75, H2: 362, H3: 0, H4: 313, H5: 50, H6: 30 };
/** A second board, with a negative dig_H5 to exercise the 12-bit sign handling. */
const OTHER_BOARD: Bme280Calibration = { T1: 28485, T2: 26735, T3: 50, P1: 36556, P2: -10584, P3: 3024, P4: 6706, P5: -61, P6: -7, P7: 9900, P8: -10230, P9: 4285, H1: 75, H2: 365, H3: 0, H4: 333, H5: -2, H6: 30 };

const calibration: Bme280Calibration = { ...DATASHEET_EXAMPLE.calibration, ...BOARD_HUMIDITY };

/**
 * The datasheet's fixed-point formulas (BME280 §4.2.3: 32-bit T and H, 64-bit P), in BigInt so
 * shifts and divisions behave as in C: an independent cross-check of the float implementation.
 */
function fixedPointReference(raw: Bme280Raw, cal: Bme280Calibration) {
  const b = BigInt;
  const [T1, T2, T3] = [b(cal.T1), b(cal.T2), b(cal.T3)];
  const adcT = b(raw.adcT);
  const v1 = (((adcT >> 3n) - (T1 << 1n)) * T2) >> 11n;
  const v2 = (((((adcT >> 4n) - T1) * ((adcT >> 4n) - T1)) >> 12n) * T3) >> 14n;
  const tFine = v1 + v2;
  const temperatureC = Number((tFine * 5n + 128n) >> 8n) / 100;

  let p1 = tFine - 128000n;
  let p2 = p1 * p1 * b(cal.P6);
  p2 += (p1 * b(cal.P5)) << 17n;
  p2 += b(cal.P4) << 35n;
  p1 = ((p1 * p1 * b(cal.P3)) >> 8n) + ((p1 * b(cal.P2)) << 12n);
  p1 = (((1n << 47n) + p1) * b(cal.P1)) >> 33n;
  let p = 1048576n - b(raw.adcP);
  p = (((p << 31n) - p2) * 3125n) / p1;
  const p9 = (b(cal.P9) * (p >> 13n) * (p >> 13n)) >> 25n;
  const p8 = (b(cal.P8) * p) >> 19n;
  p = ((p + p9 + p8) >> 8n) + (b(cal.P7) << 4n);
  const pressurePa = Number(p) / 256;

  let h = tFine - 76800n;
  h = ((((b(raw.adcH) << 14n) - (b(cal.H4) << 20n) - b(cal.H5) * h) + 16384n) >> 15n) *
    (((((((h * b(cal.H6)) >> 10n) * (((h * b(cal.H3)) >> 11n) + 32768n)) >> 10n) + 2097152n) * b(cal.H2) + 8192n) >> 14n);
  h -= ((((h >> 15n) * (h >> 15n)) >> 7n) * b(cal.H1)) >> 4n;
  h = h < 0n ? 0n : h > 419430400n ? 419430400n : h;
  const humidityPercent = Number(h >> 12n) / 1024;
  return { temperatureC, pressurePa, humidityPercent };
}

const setUp = (options: Partial<Parameters<typeof bme280Simulator>[0]> = {}, address = 0x76) => {
  const device = bme280Simulator({ calibration, raw: { ...DATASHEET_EXAMPLE.raw, adcH: 31_000 }, ...options });
  const bus = new MemoryI2cBus().attach(address, device);
  const backend = new Bme280Backend({ bus, address, sleep: async () => undefined });
  return { device, bus, backend };
};

describe('BME280 compensation (Bosch datasheet formulas)', () => {
  it('reproduces the datasheet worked example: 25.08 °C and 100653.27 Pa', () => {
    const reading = compensateBme280({ ...DATASHEET_EXAMPLE.raw, adcH: 31_000 }, calibration);
    expect(reading.temperatureC).toBeCloseTo(DATASHEET_EXAMPLE.temperatureC, 2);
    expect(reading.pressurePa).toBeCloseTo(DATASHEET_EXAMPLE.pressurePa, 1);
  });

  it.each([
    ['datasheet T/P with board humidity', calibration, { adcT: 519888, adcP: 415148, adcH: 31000 }],
    ['cold night, high humidity', calibration, { adcT: 470000, adcP: 330000, adcH: 36500 }],
    ['another board, dry and warm', OTHER_BOARD, { adcT: 540000, adcP: 290000, adcH: 26000 }],
    ['another board, freezing', OTHER_BOARD, { adcT: 430000, adcP: 350000, adcH: 33000 }],
  ])('agrees with the datasheet fixed-point formulas: %s', (_name, cal, raw) => {
    const reference = fixedPointReference(raw, cal);
    const reading = compensateBme280(raw, cal);
    expect(Math.abs(reading.temperatureC - reference.temperatureC)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(reading.pressurePa - reference.pressurePa)).toBeLessThan(2);
    expect(Math.abs(reading.humidityPercent - reference.humidityPercent)).toBeLessThan(0.05);
    expect(reading.humidityPercent).toBeGreaterThan(0);
    expect(reading.humidityPercent).toBeLessThan(100);
  });
});

describe('Bme280Backend over an I2C bus', () => {
  it('reads the chip id and calibration, starts a forced conversion and returns Mycodo’s five channels', async () => {
    const { backend, bus, device } = setUp({ busyPolls: 3 });
    const expected = compensateBme280({ ...DATASHEET_EXAMPLE.raw, adcH: 31_000 }, calibration);
    const values = await backend.measure();
    expect(values.map(({ channel, measurement, unit }) => [channel, measurement, unit])).toEqual([
      [0, 'temperature', 'C'],
      [1, 'humidity', 'percent'],
      [2, 'pressure', 'Pa'],
      [3, 'dewpoint', 'C'],
      [4, 'altitude', 'm'],
    ]);
    expect(values[0].value).toBeCloseTo(25.08, 2);
    expect(values[1].value).toBeCloseTo(expected.humidityPercent, 9);
    expect(values[2].value).toBeCloseTo(100653.27, 1);
    expect(values[3].value).toBeCloseTo(dewPointC(expected.temperatureC, expected.humidityPercent), 9);
    expect(values[4].value).toBeCloseTo(altitudeM(expected.pressurePa), 9);
    // ctrl_hum (×1) first, then ctrl_meas: osrs_t ×1, osrs_p ×1, forced mode.
    expect(bus.writes).toEqual([
      { address: 0x76, register: BME280.REG_CTRL_HUM, value: 0b001 },
      { address: 0x76, register: BME280.REG_CTRL_MEAS, value: 0b001_001_01 },
    ]);
    await backend.measure();
    expect(device.conversions).toBe(2);
  });

  it('decodes the calibration registers 0x88–0xA1 and 0xE1–0xE7, signed 12-bit dig_H4/H5 included', async () => {
    expect(await setUp({ calibration: OTHER_BOARD }).backend.init()).toEqual(OTHER_BOARD);
    const negativeH4: Bme280Calibration = { ...OTHER_BOARD, H4: -300, H5: -2048 };
    expect(await setUp({ calibration: negativeH4 }).backend.init()).toEqual(negativeH4);
  });

  it('refuses a chip that is not a BME280 with a clear error', async () => {
    await expect(setUp({ chipId: 0x58 }).backend.measure()).rejects.toThrow('I2C 0x76 is a BMP280 (no humidity sensor), not a BME280 (chip id 0x60)');
    await expect(setUp({ chipId: 0x00 }).backend.init()).rejects.toThrow(SensorReadError);
    await expect(setUp({ chipId: 0x61 }).backend.init()).rejects.toThrow(/chip id 0x61, not a BME280/);
  });

  it('passes on the bus error when nothing answers at the address', async () => {
    const { bus } = setUp({}, 0x77);
    await expect(new Bme280Backend({ bus, address: 0x76 }).measure()).rejects.toMatchObject({ code: 'EREMOTEIO' });
  });

  it('reports a conversion that never finishes', async () => {
    const { bus } = setUp({ busyPolls: Number.POSITIVE_INFINITY });
    const backend = new Bme280Backend({ bus, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    await expect(backend.measure()).rejects.toThrow(/still measuring/);
  });

  it('says which package is missing when i2c-bus cannot be loaded', async () => {
    const missing = () => {
      throw new Error("Cannot find module 'i2c-bus'");
    };
    await expect(openI2cBus(1, missing)).rejects.toThrow(I2cUnavailableError);
    await expect(openI2cBus(1, missing)).rejects.toThrow(/optional package "i2c-bus"/);
  });

  it('says how to enable I2C when the bus device does not exist (the real i2c-bus addon)', async () => {
    // The addon is built per Node ABI: CI's Node 24 rerun names copies rebuilt for that Node (scripts/ci-node24-addons.sh).
    const addons = process.env.SKYGATE_NATIVE_ADDONS_DIR;
    const failure = openI2cBus(250, addons ? createRequire(resolve(addons, 'package.json')) : undefined);
    await expect(failure).rejects.toThrow(/cannot open \/dev\/i2c-250/);
    await expect(failure).rejects.not.toThrow(/optional package/);
  });
});

describe('derived air values (Mycodo’s sensorutils formulas)', () => {
  it('computes the dew point over water and over ice, and altitude from pressure', () => {
    expect(dewPointC(25, 50)).toBeCloseTo(13.85, 1);
    expect(dewPointC(10, 100)).toBeCloseTo(10, 9);
    expect(dewPointC(-5, 80)).toBeCloseTo(-7.58, 2); // over ice: 272.62 · γ / (22.46 − γ), γ = ln 0.8 − 112.3 / 267.62
    expect(dewPointC(20, 0)).toBe(0);
    expect(altitudeM(101_325)).toBe(0);
    expect(altitudeM(89_874.6)).toBeCloseTo(1000, -1);
  });
});
