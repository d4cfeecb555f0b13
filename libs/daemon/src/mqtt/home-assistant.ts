import type { MqttConnection } from './mqtt-connection';

/**
 * Home Assistant MQTT discovery: retained JSON configs on
 * `<prefix>/<component>/<node_id>/<object_id>/config` make Skygate's inputs and outputs appear as
 * HA entities, grouped under one HA device, unavailable when Skygate's availability topic says
 * `offline`. Full key names are used (not HA's abbreviations) so the payloads read plainly.
 */

export const HA_DISCOVERY_PREFIX = 'homeassistant';

export type HaComponent = 'sensor' | 'switch' | 'number';

/** HA's device block: entities with the same identifiers group under one device. */
export interface HaDevice {
  identifiers: string[];
  name: string;
  manufacturer?: string;
  model?: string;
  sw_version?: string;
  configuration_url?: string;
}

export interface HaDiscoveryMessage {
  topic: string;
  payload: Record<string, unknown>;
}

/** What every entity config needs. */
interface HaEntityBase {
  /** Groups the entities of one Skygate instance (HA's node_id); [A-Za-z0-9_-]. */
  nodeId: string;
  /** The entity within the node (HA's object_id); [A-Za-z0-9_-]. */
  objectId: string;
  name: string;
  /** Stable across restarts and renames, unique in HA: e.g. the input's id + channel. */
  uniqueId: string;
  stateTopic: string;
  availabilityTopic: string;
  device: HaDevice;
  prefix?: string;
}

export interface HaSensorOptions extends HaEntityBase {
  unit?: string;
  deviceClass?: string;
  /** `measurement` for readings (default), `total_increasing` for counters. */
  stateClass?: string;
  valueTemplate?: string;
}

export interface HaSwitchOptions extends HaEntityBase {
  commandTopic: string;
  payloadOn?: string;
  payloadOff?: string;
}

export interface HaNumberOptions extends HaEntityBase {
  commandTopic: string;
  min?: number;
  max?: number;
  step?: number;
  unit?: string;
}

const ID = /^[A-Za-z0-9_-]+$/;

/** `<prefix>/<component>/<node_id>/<object_id>/config`, refusing ids HA would not accept. */
export function haDiscoveryTopic(component: HaComponent, nodeId: string, objectId: string, prefix = HA_DISCOVERY_PREFIX): string {
  for (const [what, id] of [['node_id', nodeId], ['object_id', objectId]]) {
    if (!ID.test(id)) throw new RangeError(`Home Assistant ${what} must be letters, digits, _ or -: ${JSON.stringify(id)}`);
  }
  return `${prefix}/${component}/${nodeId}/${objectId}/config`;
}

/** A sensor entity for one input channel. */
export function haSensorConfig(options: HaSensorOptions): HaDiscoveryMessage {
  return message('sensor', options, {
    unit_of_measurement: options.unit,
    device_class: options.deviceClass,
    state_class: options.stateClass ?? 'measurement',
    value_template: options.valueTemplate,
  });
}

/** A switch entity for an on/off output channel: HA sends on/off to `commandTopic`. */
export function haSwitchConfig(options: HaSwitchOptions): HaDiscoveryMessage {
  const on = options.payloadOn ?? 'on';
  const off = options.payloadOff ?? 'off';
  return message('switch', options, { command_topic: options.commandTopic, payload_on: on, payload_off: off, state_on: on, state_off: off });
}

/** A number entity for a PWM output channel's duty cycle (%). */
export function haNumberConfig(options: HaNumberOptions): HaDiscoveryMessage {
  return message('number', options, {
    command_topic: options.commandTopic,
    min: options.min ?? 0,
    max: options.max ?? 100,
    step: options.step ?? 0.1,
    unit_of_measurement: options.unit ?? '%',
    mode: 'slider',
  });
}

/** HA's unit and device class for Mycodo's (measurement, unit) pairs; unknown pairs keep their unit. */
export function haSensorClass(measurement: string, unit: string): { unit: string; deviceClass?: string } {
  const units: Record<string, string> = { C: '°C', F: '°F', K: 'K', percent: '%', Pa: 'Pa', hPa: 'hPa', m: 'm', s: 's' };
  const classes: Record<string, string> = {
    temperature: 'temperature',
    dewpoint: 'temperature',
    humidity: 'humidity',
    pressure: 'atmospheric_pressure',
    altitude: 'distance',
    duration_time: 'duration',
  };
  return { unit: units[unit] ?? unit, deviceClass: classes[measurement] };
}

/** Publishes a discovery config (retained, so HA finds it after its own restarts). */
export async function publishHaDiscovery(connection: MqttConnection, discovery: HaDiscoveryMessage): Promise<void> {
  await connection.publish(discovery.topic, JSON.stringify(discovery.payload), { qos: 1, retain: true });
}

/** Removes an entity from HA: an empty retained config. */
export async function removeHaDiscovery(connection: MqttConnection, topic: string): Promise<void> {
  await connection.publish(topic, '', { qos: 1, retain: true });
}

function message(component: HaComponent, base: HaEntityBase, specific: Record<string, unknown>): HaDiscoveryMessage {
  const payload: Record<string, unknown> = {
    name: base.name,
    unique_id: base.uniqueId,
    state_topic: base.stateTopic,
    availability_topic: base.availabilityTopic,
    payload_available: 'online',
    payload_not_available: 'offline',
    device: base.device,
    origin: { name: 'Skygate' },
  };
  for (const [key, value] of Object.entries(specific)) if (value !== undefined) payload[key] = value;
  return { topic: haDiscoveryTopic(component, base.nodeId, base.objectId, base.prefix), payload };
}
