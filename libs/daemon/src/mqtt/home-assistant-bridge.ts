import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { AppConfig, EventBus } from '@app/core';
import type { DeviceMeasurementEntity, InputEntity } from '../entities/input.entity';
import type { OutputChannelEntity, OutputEntity } from '../entities/output.entity';
import { InputsService } from '../inputs/inputs.service';
import { OutputsService } from '../outputs/outputs.service';
import { MQTT_AVAILABILITY_TOPIC, MQTT_CONNECTION, MQTT_NODE_ID } from './daemon-mqtt';
import { haNumberConfig, haSensorClass, haSensorConfig, haSwitchConfig, publishHaDiscovery, removeHaDiscovery, type HaDevice } from './home-assistant';
import type { MqttConnection } from './mqtt-connection';

/** Skygate's topics: `skygate/input/<id>/<channel>/state`, `skygate/output/<id>/<channel>/state` and `.../set`. */
export const haStateTopic = (kind: 'input' | 'output', id: string, channel: number) => `${MQTT_NODE_ID}/${kind}/${id}/${channel}/state`;
export const haCommandTopic = (id: string, channel: number) => `${MQTT_NODE_ID}/output/${id}/${channel}/set`;
const COMMAND_FILTER = `${MQTT_NODE_ID}/output/+/+/set`;

/**
 * Home Assistant over MQTT (with MQTT_URL): discovery configs (retained) for every input channel
 * (a sensor) and output channel (a switch, or a number for a PWM output) at start and on
 * create/change/delete; measurements and output states published as they happen; Home
 * Assistant's commands switch outputs through the output service, so min-off and the daemon's
 * records apply as for the API.
 */
@Injectable()
export class HomeAssistantBridge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('HomeAssistant');
  private readonly subscriptions: Subscription[] = [];
  /** Discovery topics published per device, to remove them when the device goes. */
  private readonly published = new Map<string, string[]>();
  private readonly device: HaDevice;
  private readonly prefix?: string;
  private stopStatus?: () => void;

  constructor(
    @Optional() @Inject(MQTT_CONNECTION) private readonly mqtt: MqttConnection | null,
    private readonly bus: EventBus,
    private readonly inputs: InputsService,
    private readonly outputs: OutputsService,
    config: AppConfig,
  ) {
    this.device = { identifiers: [MQTT_NODE_ID], name: 'Skygate', manufacturer: 'Skygate', model: 'observatory daemon', sw_version: config.version };
    this.prefix = config.mqtt.discoveryPrefix;
  }

  async onApplicationBootstrap(): Promise<void> {
    const mqtt = this.mqtt;
    if (!mqtt) return;
    await mqtt.subscribe(COMMAND_FILTER, (topic, payload) => void this.command(topic, payload.toString()));
    // Announced on every (re)connect: a broker that was away at start, or restarted without persistence, holds no discovery.
    this.stopStatus = mqtt.onStatus((status) => {
      if (status === 'connected') void this.announceAll().catch((err: Error) => this.logger.warn(`discovery not announced: ${err.message}`));
    });
    this.subscriptions.push(
      this.bus.on('daemon.measurement').subscribe(({ payload: m }) => {
        if (this.published.has(m.device_id)) this.send(haStateTopic('input', m.device_id, m.channel), String(m.value), false);
      }),
      this.bus.on('daemon.output-changed').subscribe(({ payload: o }) => this.send(haStateTopic('output', o.output_id, o.channel), typeof o.state === 'number' ? String(o.state) : o.state, true)),
      this.bus.on('daemon.device-changed').subscribe(({ payload: d }) => void this.deviceChanged(d.device_type, d.unique_id, d.removed)),
    );
    if (mqtt.connected) await this.announceAll();
  }

  private async announceAll(): Promise<void> {
    for (const { input, channels } of await this.inputs.allWithChannels()) await this.announceInput(input, channels);
    for (const { output, channels } of await this.outputs.allWithChannels()) await this.announceOutput(output, channels);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopStatus?.();
    for (const s of this.subscriptions) s.unsubscribe();
    // Closed last: the daemon's shutdown states may still publish to MQTT outputs before this.
    await this.mqtt?.close();
  }

  private async deviceChanged(kind: 'input' | 'output', id: string, removed: boolean): Promise<void> {
    try {
      await this.retract(id);
      if (removed) return;
      if (kind === 'input') {
        const found = (await this.inputs.allWithChannels()).find((x) => x.input.unique_id === id);
        if (found) await this.announceInput(found.input, found.channels);
      } else {
        const found = (await this.outputs.allWithChannels()).find((x) => x.output.unique_id === id);
        if (found) await this.announceOutput(found.output, found.channels);
      }
    } catch (err) {
      this.logger.warn(`discovery of ${kind} ${id} not updated: ${(err as Error).message}`);
    }
  }

  private async announceInput(input: InputEntity, channels: DeviceMeasurementEntity[]): Promise<void> {
    const messages = channels
      .filter((c) => c.is_enabled)
      .map((c) => {
        const { unit, deviceClass } = haSensorClass(c.measurement, c.unit);
        return haSensorConfig({ ...this.base('input', input.unique_id, c.channel, `${input.name} ${c.name || c.measurement}`), unit, deviceClass });
      });
    await this.announce(input.unique_id, messages);
  }

  private async announceOutput(output: OutputEntity, channels: OutputChannelEntity[]): Promise<void> {
    const messages = channels.map((c) => {
      const base = { ...this.base('output', output.unique_id, c.channel, `${output.name} ${c.name}`), commandTopic: haCommandTopic(output.unique_id, c.channel) };
      return output.output_type === 'pwm' ? haNumberConfig(base) : haSwitchConfig(base);
    });
    await this.announce(output.unique_id, messages);
  }

  private base(kind: 'input' | 'output', id: string, channel: number, name: string) {
    return {
      nodeId: MQTT_NODE_ID,
      objectId: `${kind}-${id}-${channel}`,
      name,
      uniqueId: `${MQTT_NODE_ID}-${kind}-${id}-${channel}`,
      stateTopic: haStateTopic(kind, id, channel),
      availabilityTopic: MQTT_AVAILABILITY_TOPIC,
      device: this.device,
      prefix: this.prefix,
    };
  }

  private async announce(id: string, messages: ReturnType<typeof haSensorConfig>[]): Promise<void> {
    for (const message of messages) await publishHaDiscovery(this.mqtt!, message);
    this.published.set(id, messages.map((m) => m.topic));
  }

  private async retract(id: string): Promise<void> {
    for (const topic of this.published.get(id) ?? []) await removeHaDiscovery(this.mqtt!, topic);
    this.published.delete(id);
  }

  /** `on` / `off` (a switch) or a duty in percent (a number) from Home Assistant. */
  private async command(topic: string, payload: string): Promise<void> {
    const [, , id, channelText] = topic.split('/');
    const channel = Number(channelText);
    if (!this.published.has(id) || !Number.isInteger(channel)) return;
    const text = payload.trim().toLowerCase();
    const duty = Number(text);
    const body = text === 'on' || text === 'off' ? { channel, state: text === 'on' } : Number.isFinite(duty) ? { channel, duty_cycle: Math.min(100, Math.max(0, duty)) } : null;
    if (!body) return this.logger.warn(`ignored Home Assistant command ${JSON.stringify(payload)} on ${topic}`);
    try {
      await this.outputs.modulate(id, body, 'home-assistant');
    } catch (err) {
      this.logger.warn(`Home Assistant command ${JSON.stringify(payload)} for output ${id} CH${channel} refused: ${(err as Error).message}`);
    }
  }

  private send(topic: string, payload: string, retain: boolean): void {
    this.mqtt?.publish(topic, payload, { qos: 0, retain }).catch((err: Error) => this.logger.warn(`${topic} not published: ${err.message}`));
  }
}
