import { onFirstUse } from '@app/core';
import type { InputBackend, InputReading } from '../inputs/input-backend';
import { SensorReadError } from '../sensors/sensor-read-error';
import type { MqttConnection } from './mqtt-connection';

/** jmespath (118 KiB of heap) is loaded when an MQTT input with a JSON path first reads a payload. */
const jmespath = onFirstUse(() => require('jmespath') as typeof import('jmespath'));

/** One channel of an MQTT input: a topic and, for JSON payloads, where the number is. */
export interface MqttInputChannel {
  channel: number;
  topic: string;
  measurement: string;
  unit: string;
  /**
   * A JMESPath expression into a JSON payload (Mycodo's MQTT JSON input uses JMESPath:
   * `sensors.temperature`, `readings[0].value`); without it the payload is a plain number.
   */
  jsonPath?: string;
}

export interface MqttInputOptions {
  connection: MqttConnection;
  channels: readonly MqttInputChannel[];
  /** Values older than this are not reported (default: no limit). */
  maxAgeMs?: number;
  /** Clock for the age check (tests). */
  now?: () => number;
}

/** Parses one payload into a number: plain (`21.5`) or JSON at a JMESPath; throws with the reason. */
export function parseMqttValue(payload: Buffer | string, jsonPath?: string): number {
  const text = payload.toString().trim();
  let value: unknown = text;
  if (jsonPath) {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new SensorReadError(`payload is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
    }
    value = jmespath().search(document as Parameters<ReturnType<typeof jmespath>['search']>[0], jsonPath);
    if (value === null || value === undefined) throw new SensorReadError(`no value at ${jsonPath}`);
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new SensorReadError(`not a number: ${JSON.stringify(value)}`);
  return number;
}

/**
 * An input fed by MQTT messages (Mycodo's "MQTT Subscribe" inputs): it keeps the last value per
 * channel and `measure()` reports those that are fresh. Messages that do not parse are counted
 * as the channel's last error and leave the last good value in place.
 */
export class MqttInputBackend implements InputBackend {
  private readonly last = new Map<number, { value: number; atMs: number }>();
  private readonly errors = new Map<number, string>();
  private unsubscribers: Array<() => Promise<void>> = [];

  private constructor(private readonly options: MqttInputOptions) {}

  /** Subscribes to every channel's topic; resolves once the broker confirmed the subscriptions. */
  static async start(options: MqttInputOptions): Promise<MqttInputBackend> {
    if (options.channels.length === 0) throw new RangeError('An MQTT input needs at least one channel');
    const backend = new MqttInputBackend(options);
    for (const channel of options.channels) {
      backend.unsubscribers.push(await options.connection.subscribe(channel.topic, (_topic, payload) => backend.receive(channel, payload)));
    }
    return backend;
  }

  /** The last parse error of each channel that has one. */
  get lastErrors(): ReadonlyMap<number, string> {
    return this.errors;
  }

  async measure(): Promise<InputReading[]> {
    const now = (this.options.now ?? Date.now)();
    const fresh = this.options.channels.flatMap(({ channel, measurement, unit }) => {
      const last = this.last.get(channel);
      if (!last || (this.options.maxAgeMs !== undefined && now - last.atMs > this.options.maxAgeMs)) return [];
      return [{ channel, measurement, unit, value: last.value }];
    });
    if (fresh.length === 0) {
      const topics = this.options.channels.map((c) => c.topic).join(', ');
      throw new SensorReadError(`no ${this.options.maxAgeMs === undefined ? '' : 'fresh '}value received on ${topics}`);
    }
    return fresh;
  }

  async close(): Promise<void> {
    const unsubscribers = this.unsubscribers;
    this.unsubscribers = [];
    await Promise.all(unsubscribers.map((unsubscribe) => unsubscribe()));
  }

  private receive(channel: MqttInputChannel, payload: Buffer): void {
    try {
      this.last.set(channel.channel, { value: parseMqttValue(payload, channel.jsonPath), atMs: (this.options.now ?? Date.now)() });
      this.errors.delete(channel.channel);
    } catch (err) {
      this.errors.set(channel.channel, `${channel.topic}: ${(err as Error).message}`);
    }
  }
}
