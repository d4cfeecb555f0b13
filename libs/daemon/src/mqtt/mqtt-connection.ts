import { createRequire } from 'node:module';
import type { IClientOptions, IClientPublishOptions, MqttClient } from 'mqtt';

/** mqtt.js and its dependencies load when a connection is first made, not at every start without a broker. */
function connect(url: string, options: IClientOptions): MqttClient {
  return (createRequire(__filename)('mqtt') as typeof import('mqtt')).connect(url, options);
}

/** Receives one message of a subscription. */
export type MqttMessageHandler = (topic: string, payload: Buffer, meta: { retain: boolean }) => void;

export type MqttStatus = 'connected' | 'reconnecting' | 'offline' | 'closed';

export interface MqttConnectionOptions {
  /** `mqtt://host:1883`, `mqtts://…`, `ws://…`; credentials may be in the URL. */
  url: string;
  clientId?: string;
  username?: string;
  password?: string;
  /**
   * Birth and last will on one retained topic: `online` after each connect, `offline` on close
   * and, through the broker's last will, when the connection dies. Home Assistant's
   * `availability_topic` reads it.
   */
  availability?: { topic: string; online?: string; offline?: string };
  /** Wait between reconnect attempts (default 2 s; mqtt.js retries for ever). */
  reconnectPeriodMs?: number;
  /** Give up the first connection after this long (default 10 s). */
  connectTimeoutMs?: number;
  keepaliveSeconds?: number;
  /** Called when a handler throws, so one bad handler cannot stop the others. */
  onHandlerError?: (error: unknown, topic: string) => void;
}

/** `MQTT_URL` from the environment, or undefined when MQTT is not configured. */
export function mqttUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.MQTT_URL?.trim();
  return url ? url : undefined;
}

/** MQTT topic filter matching: `+` one level, `#` the rest (and the parent); `$…` topics only explicitly. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

/**
 * One connection to a broker over the `mqtt` package: publish, subscribe with handlers (several
 * per filter), reconnect with the subscriptions restored, and an availability topic.
 */
export class MqttConnection {
  private readonly subscriptions = new Set<{ filter: string; handler: MqttMessageHandler }>();
  private readonly statusListeners = new Set<(status: MqttStatus) => void>();
  private closed = false;

  private constructor(
    private readonly client: MqttClient,
    private readonly options: MqttConnectionOptions,
  ) {
    client.on('message', (topic, payload, packet) => this.dispatch(topic, payload, packet.retain));
    client.on('connect', () => {
      this.announce().catch(() => undefined); // a failed birth message is retried at the next connect
      this.emit('connected');
    });
    client.on('reconnect', () => this.emit('reconnecting'));
    client.on('offline', () => this.emit('offline'));
    // Errors after the first connection are retried by mqtt.js; the status listeners see the effect.
    client.on('error', () => undefined);
  }

  /**
   * A connection that is not yet up: mqtt.js keeps trying every `reconnectPeriodMs`, so a broker
   * that starts after Skygate is picked up. Subscriptions made meanwhile are sent on connect.
   */
  static open(options: MqttConnectionOptions): MqttConnection {
    const client = connect(options.url, clientOptionsOf(options));
    return new MqttConnection(client, options);
  }

  /** Connects; resolves once the broker accepted, rejects on refusal or after `connectTimeoutMs`. */
  static connect(options: MqttConnectionOptions): Promise<MqttConnection> {
    const clientOptions = clientOptionsOf(options);
    const client = connect(options.url, clientOptions);
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        client.removeListener('connect', succeed);
        client.end(true);
        reject(new Error(`MQTT: cannot connect to ${redact(options.url)}: ${error.message}`));
      };
      const succeed = () => {
        clearTimeout(timer);
        client.removeListener('error', fail);
        const connection = new MqttConnection(client, options);
        // Resolve once `online` is on the broker, so whoever subscribes next reads it retained.
        connection.announce().then(() => resolve(connection), (error: Error) => fail(error));
      };
      const timer = setTimeout(() => fail(new Error(`no answer within ${clientOptions.connectTimeout} ms`)), clientOptions.connectTimeout);
      client.once('connect', succeed);
      client.once('error', fail);
    });
  }

  get connected(): boolean {
    return this.client.connected;
  }

  onStatus(listener: (status: MqttStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async publish(topic: string, payload: string | Buffer, options: { qos?: 0 | 1 | 2; retain?: boolean } = {}): Promise<void> {
    const publishOptions: IClientPublishOptions = { qos: options.qos ?? 0, retain: options.retain ?? false };
    await this.client.publishAsync(topic, payload, publishOptions);
  }

  /** Subscribes `handler` to `filter`; the returned function unsubscribes it. */
  async subscribe(filter: string, handler: MqttMessageHandler, options: { qos?: 0 | 1 | 2 } = {}): Promise<() => Promise<void>> {
    const entry = { filter, handler };
    this.subscriptions.add(entry);
    if (!this.client.connected) {
      // mqtt.js keeps the request and sends it on connect; waiting here would hold up start-up while the broker is away.
      this.client.subscribe(filter, { qos: options.qos ?? 0 }, () => undefined);
      return this.unsubscriber(entry);
    }
    try {
      await this.client.subscribeAsync(filter, { qos: options.qos ?? 0 });
    } catch (err) {
      this.subscriptions.delete(entry);
      throw err;
    }
    return this.unsubscriber(entry);
  }

  private unsubscriber(entry: { filter: string; handler: MqttMessageHandler }): () => Promise<void> {
    return async () => {
      if (!this.subscriptions.delete(entry)) return;
      const stillWanted = [...this.subscriptions].some((s) => s.filter === entry.filter);
      if (!stillWanted && !this.closed) await this.client.unsubscribeAsync(entry.filter);
    };
  }

  /** Says `offline` on the availability topic, then disconnects cleanly. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const availability = this.options.availability;
    if (availability && this.client.connected) {
      await this.publish(availability.topic, availability.offline ?? 'offline', { qos: 1, retain: true }).catch(() => undefined);
    }
    // Forced when offline: a clean end would wait for a broker that may never come back.
    await this.client.endAsync(!this.client.connected);
    this.emit('closed');
  }

  private async announce(): Promise<void> {
    const availability = this.options.availability;
    if (availability) await this.client.publishAsync(availability.topic, availability.online ?? 'online', { qos: 1, retain: true });
  }

  private dispatch(topic: string, payload: Buffer, retain: boolean): void {
    for (const { filter, handler } of this.subscriptions) {
      if (!topicMatches(filter, topic)) continue;
      try {
        handler(topic, payload, { retain });
      } catch (err) {
        this.options.onHandlerError?.(err, topic);
      }
    }
  }

  private emit(status: MqttStatus): void {
    for (const listener of this.statusListeners) listener(status);
  }
}

function clientOptionsOf(options: MqttConnectionOptions): IClientOptions {
  const availability = options.availability;
  return {
    clientId: options.clientId ?? `skygate-${process.pid}-${Math.random().toString(16).slice(2, 10)}`,
    username: options.username,
    password: options.password,
    reconnectPeriod: options.reconnectPeriodMs ?? 2000,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    keepalive: options.keepaliveSeconds ?? 30,
    resubscribe: true,
    will: availability ? { topic: availability.topic, payload: Buffer.from(availability.offline ?? 'offline'), qos: 1, retain: true } : undefined,
  };
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
