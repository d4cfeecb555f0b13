import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputBackend, InputReading } from '../inputs/input-backend';
import { SensorReadError } from './sensor-read-error';

/** Where the Linux w1 bus driver (w1-gpio + w1-therm) lists its slaves. */
export const W1_DEVICES_ROOT = '/sys/bus/w1/devices';

/** 1-wire family codes of the temperature sensors w1-therm reads through `w1_slave`. */
export const W1_THERMOMETER_FAMILIES: Readonly<Record<string, string>> = {
  '10': 'DS18S20',
  '22': 'DS1822',
  '28': 'DS18B20',
  '3b': 'DS1825',
  '42': 'DS28EA00',
};

/** The DS18B20's power-on value of the temperature register: a read before any conversion. */
const POWER_ON_RESET_MILLIDEGREES = 85_000;
/** The DS18B20's specified range (°C); Mycodo discards readings outside it. */
const RANGE_C = { min: -55, max: 125 };

export interface W1Sensor {
  /** The slave's directory name, e.g. `28-00000588806a`. */
  id: string;
  family: string;
  model: string;
}

/** The thermometers the w1 bus lists under `root` (sorted by id, so channels are stable). */
export async function discoverW1Thermometers(root = W1_DEVICES_ROOT, families: readonly string[] = ['28']): Promise<W1Sensor[]> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []; // no w1 bus driver loaded
    throw err;
  }
  return entries
    .map((id) => ({ id, family: id.split('-')[0].toLowerCase() }))
    .filter(({ id, family }) => /^[0-9a-f]{2}-[0-9a-f]{12}$/i.test(id) && families.includes(family))
    .map(({ id, family }) => ({ id, family, model: W1_THERMOMETER_FAMILIES[family] ?? `family ${family}` }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Parses the two lines of w1-therm's `w1_slave` file into °C:
 *   `72 01 4b 46 7f ff 0e 10 57 : crc=57 YES`
 *   `72 01 4b 46 7f ff 0e 10 57 t=23125`
 * Throws SensorReadError on a CRC failure (`NO`), the 85 °C power-on value, an all-zero
 * scratchpad (a shorted or vanished bus reads as zeros with a valid CRC), or a value out of range.
 */
export function parseW1Slave(text: string, id = 'sensor'): number {
  const [crcLine = '', dataLine = ''] = text.split('\n');
  const crc = /crc=([0-9a-f]{2}) (YES|NO)\s*$/i.exec(crcLine.trim());
  if (!crc) throw new SensorReadError(`${id}: unreadable w1_slave content ${JSON.stringify(text.slice(0, 80))}`);
  if (crc[2].toUpperCase() !== 'YES') throw new SensorReadError(`${id}: CRC check failed (crc=${crc[1]} NO); the bus is noisy or the wiring long`);
  const reading = /t=(-?\d+)\s*$/.exec(dataLine.trim());
  if (!reading) throw new SensorReadError(`${id}: no t= value in w1_slave`);
  const scratchpad = crcLine.split(':')[0].trim().split(/\s+/);
  if (scratchpad.every((byte) => byte === '00')) throw new SensorReadError(`${id}: all-zero scratchpad; the sensor is not answering`);
  const millidegrees = Number(reading[1]);
  if (millidegrees === POWER_ON_RESET_MILLIDEGREES) {
    throw new SensorReadError(`${id}: 85 °C power-on reset value; the sensor lost power or no conversion ran`);
  }
  const celsius = millidegrees / 1000;
  if (celsius < RANGE_C.min || celsius > RANGE_C.max) throw new SensorReadError(`${id}: ${celsius} °C is outside the sensor's range`);
  return celsius;
}

export interface Ds18b20Options {
  /** The sensors, one channel each in this order: `28-00000588806a` or Mycodo's bare `00000588806a`. */
  sensorIds: readonly string[];
  /** The w1 devices folder (tests point it at a temp dir). */
  root?: string;
  /** Added to every reading (Mycodo's `temperature_offset`), °C. */
  offsetC?: number;
  /** Extra reads after a failed one (CRC errors are usually transient); Mycodo tries twice. */
  retries?: number;
}

export type W1Reading = { channel: number; id: string; celsius: number } | { channel: number; id: string; error: string };

/** DS18B20 thermometers on the 1-wire sysfs tree, as an input: channel n = temperature (°C) of sensor n. */
export class Ds18b20Backend implements InputBackend {
  private readonly root: string;
  private readonly ids: string[];

  constructor(private readonly options: Ds18b20Options) {
    if (options.sensorIds.length === 0) throw new RangeError('A DS18B20 input needs at least one sensor id');
    this.root = options.root ?? W1_DEVICES_ROOT;
    this.ids = options.sensorIds.map((id) => (id.includes('-') ? id.toLowerCase() : `28-${id.toLowerCase()}`));
  }

  /** Every sensor's reading or failure, in channel order. */
  async readAll(): Promise<W1Reading[]> {
    return Promise.all(this.ids.map((id, channel) => this.readOne(id, channel)));
  }

  /** The channels that read well; rejects with every failure when none did. */
  async measure(): Promise<InputReading[]> {
    const readings = await this.readAll();
    const good = readings.flatMap((r) => ('celsius' in r ? [{ channel: r.channel, measurement: 'temperature', unit: 'C', value: r.celsius }] : []));
    if (good.length === 0) throw new SensorReadError(readings.map((r) => ('error' in r ? r.error : '')).join('; '));
    return good;
  }

  private async readOne(id: string, channel: number): Promise<W1Reading> {
    let error = '';
    for (let attempt = 0; attempt <= (this.options.retries ?? 1); attempt++) {
      try {
        const text = await readFile(join(this.root, id, 'w1_slave'), 'utf8');
        return { channel, id, celsius: parseW1Slave(text, id) + (this.options.offsetC ?? 0) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { channel, id, error: `${id}: not on the 1-wire bus (no ${join(this.root, id)})` };
        error = (err as Error).message;
      }
    }
    return { channel, id, error };
  }
}
