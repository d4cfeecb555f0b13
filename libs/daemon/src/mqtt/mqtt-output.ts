import type { OutputBackend } from '../sensors/backend-types';
import type { MqttConnection } from './mqtt-connection';

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
  private readonly channels: Map<number, MqttOutputChannel>;

  constructor(
    private readonly connection: MqttConnection,
    channels: readonly MqttOutputChannel[],
  ) {
    this.channels = new Map(channels.map((c) => [c.channel, c]));
  }

  async setState(channel: number, on: boolean): Promise<void> {
    const c = this.channel(channel);
    await this.connection.publish(c.topic, on ? (c.payloadOn ?? 'on') : (c.payloadOff ?? 'off'), { qos: c.qos ?? 1, retain: c.retain ?? false });
  }

  async setDutyCycle(channel: number, percent: number): Promise<void> {
    const c = this.channel(channel);
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) throw new RangeError(`duty cycle must be 0-100 %, got ${percent}`);
    let duty = c.invertDuty ? 100 - percent : percent;
    if (c.roundDuty) duty = Math.round(duty);
    await this.connection.publish(c.topic, String(duty), { qos: c.qos ?? 1, retain: c.retain ?? false });
  }

  private channel(channel: number): MqttOutputChannel {
    const c = this.channels.get(channel);
    if (!c) throw new RangeError(`MQTT output has no channel ${channel}`);
    return c;
  }
}
