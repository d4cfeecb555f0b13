import { Inject, Injectable, Optional } from '@nestjs/common';
import { MQTT_CONNECTION } from '../mqtt/daemon-mqtt';
import type { MqttConnection } from '../mqtt/mqtt-connection';
import { MqttInputBackend } from '../mqtt/mqtt-input';
import { Bme280Backend } from '../sensors/bme280';
import { SIMULATED_BME280, bme280Simulator } from '../sensors/bme280-simulator';
import { Ds18b20Backend, W1_DEVICES_ROOT } from '../sensors/ds18b20';
import { MemoryI2cBus, openI2cBus, type I2cBus } from '../sensors/i2c-bus';
import type { InputBackend, InputBackendFactory, InputChannelConfig, InputReading } from './input-backend';

type InputRow = Parameters<InputBackendFactory['create']>[0];

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** Keeps the configured channels only, with their stored measurement and unit. */
function configured(readings: InputReading[], channels: InputChannelConfig[]): InputReading[] {
  return readings.flatMap((r) => {
    const c = channels.find((x) => x.channel === r.channel);
    return c ? [{ ...r, channel: c.channel, measurement: c.measurement, unit: c.unit }] : [];
  });
}

/**
 * DS18B20 thermometers on the Linux 1-wire sysfs tree: one channel per sensor (channel option
 * `sensor_id`, e.g. `28-00000588806a` or Mycodo's bare `00000588806a`); input option `w1_root`
 * (default /sys/bus/w1/devices) and `temperature_offset` (°C).
 */
@Injectable()
export class Ds18b20InputFactory implements InputBackendFactory {
  readonly device = 'ds18b20';
  readonly description = `DS18B20 on 1-wire (channel option sensor_id; input options w1_root, default ${W1_DEVICES_ROOT}, temperature_offset)`;

  defaultChannels(): InputChannelConfig[] {
    return [{ channel: 0, measurement: 'temperature', unit: 'C', options: { sensor_id: '' } }];
  }

  create(input: InputRow, channels: InputChannelConfig[]): InputBackend {
    const missing = channels.find((c) => !text(c.options.sensor_id));
    if (missing) return { measure: async () => Promise.reject(new Error(`channel ${missing.channel} has no sensor_id`)) };
    const offset = Number(input.custom_options.temperature_offset ?? 0);
    const backend = new Ds18b20Backend({
      sensorIds: channels.map((c) => text(c.options.sensor_id)!),
      root: text(input.custom_options.w1_root) ?? W1_DEVICES_ROOT,
      offsetC: Number.isFinite(offset) ? offset : 0,
    });
    // The back-end numbers its sensors 0..n-1 in the order given: map them back to the stored channels.
    return { measure: async () => (await backend.measure()).map((r) => ({ ...r, channel: channels[r.channel].channel, measurement: channels[r.channel].measurement, unit: channels[r.channel].unit })) };
  }
}

/**
 * A Bosch BME280 on I2C (Mycodo's channels 0 temperature, 1 humidity, 2 pressure, 3 dew point,
 * 4 altitude): input options `i2c_bus` (a bus number, default 1, or "simulated" for an in-memory
 * chip), `i2c_address` (0x76 or 0x77, default 0x76).
 */
@Injectable()
export class Bme280InputFactory implements InputBackendFactory {
  readonly device = 'bme280';
  readonly description = 'BME280 on I2C (input options i2c_bus: a bus number or "simulated", i2c_address: 0x76 or 0x77)';

  defaultChannels(): InputChannelConfig[] {
    const c = (channel: number, measurement: string, unit: string) => ({ channel, measurement, unit, options: {} });
    return [c(0, 'temperature', 'C'), c(1, 'humidity', 'percent'), c(2, 'pressure', 'Pa'), c(3, 'dewpoint', 'C'), c(4, 'altitude', 'm')];
  }

  async create(input: InputRow, channels: InputChannelConfig[]): Promise<InputBackend> {
    const options = input.custom_options;
    const rawAddress = options.i2c_address ?? 0x76;
    const address = typeof rawAddress === 'string' ? Number.parseInt(rawAddress, rawAddress.startsWith('0x') ? 16 : 10) : Number(rawAddress);
    if (!Number.isInteger(address) || address < 0x03 || address > 0x77) throw new Error(`i2c_address must be a 7-bit address such as 0x76, got ${String(rawAddress)}`);
    const bus = options.i2c_bus === 'simulated' ? new MemoryI2cBus().attach(address, bme280Simulator(SIMULATED_BME280)) : await this.open(Number(options.i2c_bus ?? 1));
    const backend = new Bme280Backend({ bus, address });
    return { measure: async () => configured(await backend.measure(), channels), close: () => backend.close() };
  }

  private open(busNumber: number): Promise<I2cBus> {
    if (!Number.isInteger(busNumber) || busNumber < 0) throw new Error(`i2c_bus must be a bus number or "simulated"`);
    return openI2cBus(busNumber);
  }
}

/**
 * Mycodo's MQTT subscribe inputs: channel options `topic` and, for JSON payloads, `json_path` (a
 * JMESPath expression); input option `max_age` (seconds) drops stale values. Needs MQTT_URL.
 */
@Injectable()
export class MqttInputFactory implements InputBackendFactory {
  readonly device = 'mqtt';
  readonly description = 'MQTT subscription (channel options topic, json_path; input option max_age seconds); needs MQTT_URL';

  constructor(@Optional() @Inject(MQTT_CONNECTION) private readonly connection: MqttConnection | null) {}

  defaultChannels(): InputChannelConfig[] {
    return [{ channel: 0, measurement: 'temperature', unit: 'C', options: { topic: '' } }];
  }

  async create(input: InputRow, channels: InputChannelConfig[]): Promise<InputBackend> {
    if (!this.connection) throw new Error('no MQTT client is configured (set MQTT_URL)');
    const missing = channels.find((c) => !text(c.options.topic));
    if (missing) throw new Error(`channel ${missing.channel} has no topic`);
    const maxAge = Number(input.custom_options.max_age);
    return MqttInputBackend.start({
      connection: this.connection,
      channels: channels.map((c) => ({ channel: c.channel, measurement: c.measurement, unit: c.unit, topic: text(c.options.topic)!, jsonPath: text(c.options.json_path) })),
      maxAgeMs: Number.isFinite(maxAge) && maxAge > 0 ? maxAge * 1000 : undefined,
    });
  }
}

export const SENSOR_INPUT_FACTORIES = [Ds18b20InputFactory, Bme280InputFactory, MqttInputFactory];
