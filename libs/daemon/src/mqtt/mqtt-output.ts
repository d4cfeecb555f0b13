import type { MqttPublisher, OutputBackend, OutputCapabilities } from '../outputs/output-backend';

/** One channel of an MQTT output (Mycodo's on_off_mqtt / pwm_mqtt options). */
export interface MqttOutputChannel {
  channel: number;
  /** Where the commands go, e.g. Tasmota's `cmnd/dew-plug/POWER`. */
  topic: string;
  /** Mycodo's defaults: `on` / `off`. */
  payloadOn?: string;
  payloadOff?: string;
  /** PWM: publish the duty rounded to an integer (Mycodo's `round_integer`). */
  roundDuty?: boolean;
  /** PWM: publish 100 − duty (Mycodo's `pwm_invert_signal`). */
  invertDuty?: boolean;
  retain?: boolean;
  qos?: 0 | 1 | 2;
}

/** An output whose channels are switched (and dimmed) by publishing to MQTT topics. */
export class MqttOutputBackend implements OutputBackend {
  readonly capabilities: OutputCapabilities = { on_off: true, pwm: true, value: true, volume: false };
  private readonly channels: Map<number, MqttOutputChannel>;

  constructor(
    private readonly publisher: MqttPublisher,
    channels: readonly MqttOutputChannel[],
  ) {
    this.channels = new Map(channels.map((c) => [c.channel, c]));
  }

  async setup(): Promise<void> {}

  async on(channel: number): Promise<void> {
    const c = this.channel(channel);
    await this.send(c, c.payloadOn ?? 'on');
  }

  async off(channel: number): Promise<void> {
    const c = this.channel(channel);
    await this.send(c, c.payloadOff ?? 'off');
  }

  async duty(channel: number, percent: number): Promise<void> {
    const c = this.channel(channel);
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) throw new RangeError(`duty cycle must be 0-100 %, got ${percent}`);
    let duty = c.invertDuty ? 100 - percent : percent;
    if (c.roundDuty) duty = Math.round(duty);
    await this.send(c, String(duty));
  }

  async value(channel: number, value: number): Promise<void> {
    await this.send(this.channel(channel), String(value));
  }

  async close(): Promise<void> {}

  private send(c: MqttOutputChannel, payload: string): Promise<void> {
    return this.publisher.publish(c.topic, payload, { qos: c.qos ?? 1, retain: c.retain ?? false });
  }

  private channel(channel: number): MqttOutputChannel {
    const c = this.channels.get(channel);
    if (!c) throw new RangeError(`output channel doesn't exist: ${channel} (MQTT output)`);
    if (!c.topic) throw new RangeError(`channel ${channel} has no topic`);
    return c;
  }
}
