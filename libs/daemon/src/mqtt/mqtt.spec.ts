import { randomUUID } from 'node:crypto';
import { PrivateBroker, freePort } from '../../test/private-broker';
import { SensorReadError } from '../sensors/sensor-read-error';
import { haNumberConfig, haSensorClass, haSensorConfig, haSwitchConfig, haDiscoveryTopic, publishHaDiscovery, removeHaDiscovery } from './home-assistant';
import { MqttConnection, mqttUrlFromEnv, topicMatches, type MqttConnectionOptions, type MqttStatus } from './mqtt-connection';
import { MqttInputBackend, parseMqttValue } from './mqtt-input';
import { MqttOutputBackend } from './mqtt-output';

/** The machine's Mosquitto (start it with `mosquitto -d -c /etc/mosquitto/mosquitto.conf`). */
const BROKER = process.env.SKYGATE_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

const open: MqttConnection[] = [];
const connectTo = async (options: Partial<MqttConnectionOptions> = {}) => {
  const connection = await MqttConnection.connect({ url: BROKER, connectTimeoutMs: 5000, ...options });
  open.push(connection);
  return connection;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** A topic root no other test (or helper on the same broker) uses. */
const uniqueRoot = () => `skygate-test/${randomUUID()}`;

/** Collects messages of a filter on its own connection; `next()` waits for the next one. */
async function listen(filter: string) {
  const connection = await connectTo();
  const received: Array<{ topic: string; payload: string; retain: boolean }> = [];
  const waiters: Array<() => void> = [];
  await connection.subscribe(filter, (topic, payload, { retain }) => {
    received.push({ topic, payload: payload.toString(), retain });
    waiters.splice(0).forEach((wake) => wake());
  });
  const next = async (count = received.length + 1, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (received.length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for message ${count} on ${filter}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return received[count - 1];
  };
  return { received, next };
}

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('MqttConnection (real Mosquitto)', () => {
  it('publishes and receives through a subscription, with wildcards, and stops after unsubscribing', async () => {
    const root = uniqueRoot();
    const connection = await connectTo();
    const exact: string[] = [];
    const wildcard: string[] = [];
    const stopExact = await connection.subscribe(`${root}/dome/temperature`, (_t, payload) => exact.push(payload.toString()));
    await connection.subscribe(`${root}/+/temperature`, (topic) => wildcard.push(topic));
    await connection.publish(`${root}/dome/temperature`, '12.5');
    await connection.publish(`${root}/lens/temperature`, '3.0');
    await until(() => exact.length === 1 && wildcard.length === 2);
    expect(exact).toEqual(['12.5']);
    expect(wildcard).toEqual([`${root}/dome/temperature`, `${root}/lens/temperature`]);
    await stopExact();
    await connection.publish(`${root}/dome/temperature`, '13');
    await until(() => wildcard.length === 3);
    expect(exact).toEqual(['12.5']); // the wildcard still sees it, the removed handler does not
  });

  it('keeps delivering to other handlers when one throws', async () => {
    const root = uniqueRoot();
    const errors: unknown[] = [];
    const connection = await connectTo({ onHandlerError: (error) => errors.push(error) });
    const seen: string[] = [];
    await connection.subscribe(`${root}/x`, () => {
      throw new Error('bad handler');
    });
    await connection.subscribe(`${root}/x`, (_t, payload) => seen.push(payload.toString()));
    await connection.publish(`${root}/x`, 'ok');
    await until(() => seen.length === 1);
    expect(errors).toHaveLength(1);
  });

  it('announces online on the availability topic (retained) and offline when closed', async () => {
    const availability = `${uniqueRoot()}/status`;
    const skygate = await MqttConnection.connect({ url: BROKER, availability: { topic: availability } });
    const watcher = await listen(availability);
    expect(await watcher.next(1)).toEqual({ topic: availability, payload: 'online', retain: true });
    await skygate.close();
    expect((await watcher.next(2)).payload).toBe('offline');
    const late = await listen(availability); // a client arriving later reads the retained state
    expect(await late.next(1)).toMatchObject({ payload: 'offline', retain: true });
    await (await connectTo()).publish(availability, '', { retain: true }); // clear the retained message
  });

  it('fails clearly when no broker answers', async () => {
    const port = await freePort();
    await expect(MqttConnection.connect({ url: `mqtt://user:secret@127.0.0.1:${port}`, connectTimeoutMs: 2000 })).rejects.toThrow(
      new RegExp(`MQTT: cannot connect to mqtt://user:\\*\\*\\*@127.0.0.1:${port}`),
    );
  });

  it('reconnects after the broker restarts and restores its subscriptions (private mosquitto)', async () => {
    const broker = await PrivateBroker.start();
    try {
      const statuses: MqttStatus[] = [];
      const connection = await MqttConnection.connect({ url: broker.url, reconnectPeriodMs: 200 });
      open.push(connection);
      connection.onStatus((status) => statuses.push(status));
      const got: string[] = [];
      await connection.subscribe('roof/state', (_t, payload) => got.push(payload.toString()));
      await broker.stop();
      await until(() => statuses.includes('offline') && !connection.connected);
      await broker.restart();
      await until(() => connection.connected, 10_000);
      expect(statuses).toContain('reconnecting');
      expect(statuses.at(-1)).toBe('connected');
      const publisher = await MqttConnection.connect({ url: broker.url });
      open.push(publisher);
      await until(() => {
        void publisher.publish('roof/state', 'open');
        return got.length > 0;
      });
      expect(got[0]).toBe('open');
    } finally {
      await broker.remove();
    }
  });

  it('opened while no broker runs, connects when one starts: availability announced, subscriptions made meanwhile delivered', async () => {
    const broker = await PrivateBroker.configure();
    try {
      const connection = MqttConnection.open({ url: broker.url, reconnectPeriodMs: 200, availability: { topic: 'skygate/status' } });
      open.push(connection);
      const got: string[] = [];
      // Resolves without a broker: start-up must not wait for one.
      await connection.subscribe('dome/state', (_t, payload) => got.push(payload.toString()));
      expect(connection.connected).toBe(false);
      await broker.restart();
      await until(() => connection.connected, 10_000);
      const publisher = await MqttConnection.connect({ url: broker.url });
      open.push(publisher);
      const status: string[] = [];
      await publisher.subscribe('skygate/status', (_t, payload) => status.push(payload.toString()));
      await until(() => status.length > 0);
      expect(status[0]).toBe('online');
      await until(() => {
        void publisher.publish('dome/state', 'closed');
        return got.length > 0;
      });
      expect(got[0]).toBe('closed');
    } finally {
      await broker.remove();
    }
  });

  it('matches topic filters as MQTT does and reads MQTT_URL', () => {
    expect(topicMatches('a/+/c', 'a/b/c')).toBe(true);
    expect(topicMatches('a/+/c', 'a/b/d')).toBe(false);
    expect(topicMatches('a/#', 'a')).toBe(true);
    expect(topicMatches('a/#', 'a/b/c')).toBe(true);
    expect(topicMatches('a/+', 'a/b/c')).toBe(false);
    expect(topicMatches('#', '$SYS/broker/uptime')).toBe(false);
    expect(topicMatches('$SYS/#', '$SYS/broker/uptime')).toBe(true);
    expect(mqttUrlFromEnv({ MQTT_URL: ' mqtt://broker:1883 ' })).toBe('mqtt://broker:1883');
    expect(mqttUrlFromEnv({})).toBeUndefined();
  });
});

describe('MQTT input and output back-ends (real Mosquitto)', () => {
  it('keeps the last value per channel from plain and JSON payloads (JMESPath, as Mycodo)', async () => {
    const root = uniqueRoot();
    const connection = await connectTo();
    const input = await MqttInputBackend.start({
      connection,
      channels: [
        { channel: 0, topic: `${root}/air`, measurement: 'temperature', unit: 'C' },
        { channel: 1, topic: `${root}/weather`, measurement: 'humidity', unit: 'percent', jsonPath: 'sensors.humidity' },
        { channel: 2, topic: `${root}/weather`, measurement: 'pressure', unit: 'Pa', jsonPath: 'readings[1].value' },
      ],
    });
    await expect(input.measure()).rejects.toThrow(SensorReadError);
    const publisher = await connectTo();
    await publisher.publish(`${root}/air`, '7.5');
    await publisher.publish(`${root}/air`, '6.25');
    await publisher.publish(`${root}/weather`, JSON.stringify({ sensors: { humidity: 81.2 }, readings: [{ value: 1 }, { value: '101325' }] }));
    let values = await waitForChannels(input, 3);
    expect(values).toEqual([
      { channel: 0, measurement: 'temperature', unit: 'C', value: 6.25 },
      { channel: 1, measurement: 'humidity', unit: 'percent', value: 81.2 },
      { channel: 2, measurement: 'pressure', unit: 'Pa', value: 101325 },
    ]);
    await publisher.publish(`${root}/air`, 'n/a');
    await until(() => input.lastErrors.has(0));
    expect(input.lastErrors.get(0)).toMatch(/not a number/);
    values = await input.measure();
    expect(values[0].value).toBe(6.25); // the bad message left the last good value
    await input.close();
    await publisher.publish(`${root}/air`, '1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await input.measure())[0].value).toBe(6.25); // unsubscribed
  });

  it('reports only values younger than maxAgeMs', async () => {
    const root = uniqueRoot();
    let now = 1_000_000;
    const input = await MqttInputBackend.start({ connection: await connectTo(), channels: [{ channel: 0, topic: `${root}/t`, measurement: 'temperature', unit: 'C' }], maxAgeMs: 60_000, now: () => now });
    await (await connectTo()).publish(`${root}/t`, '4');
    await waitForChannels(input, 1);
    now += 61_000;
    await expect(input.measure()).rejects.toThrow(/no fresh value received/);
  });

  it('publishes on/off and duty cycles to the output topics (Mycodo’s payloads and options)', async () => {
    const root = uniqueRoot();
    const watcher = await listen(`${root}/#`);
    const output = new MqttOutputBackend(await connectTo(), [
      { channel: 0, topic: `${root}/cmnd/dew-strap/POWER`, payloadOn: 'ON', payloadOff: 'OFF' },
      { channel: 1, topic: `${root}/fan` },
      { channel: 2, topic: `${root}/pwm`, roundDuty: true, invertDuty: true },
    ]);
    await output.on(0);
    await output.off(1);
    await output.duty(1, 42.5);
    await output.duty(2, 30.4);
    await watcher.next(4);
    expect(watcher.received.map(({ topic, payload }) => [topic.slice(root.length + 1), payload])).toEqual([
      ['cmnd/dew-strap/POWER', 'ON'],
      ['fan', 'off'],
      ['fan', '42.5'],
      ['pwm', '70'],
    ]);
    await expect(output.on(9)).rejects.toThrow(/channel doesn't exist: 9/);
    await expect(output.duty(1, 120)).rejects.toThrow(RangeError);
  });

  it('parses plain numbers and refuses what is not one', () => {
    expect(parseMqttValue(Buffer.from(' -3.5 '))).toBe(-3.5);
    expect(parseMqttValue('{"a":[{"b":2}]}', 'a[0].b')).toBe(2);
    expect(() => parseMqttValue('', undefined)).toThrow(/not a number/);
    expect(() => parseMqttValue('{"a":1}', 'b')).toThrow(/no value at b/);
    expect(() => parseMqttValue('nope', 'a')).toThrow(/not JSON/);
  });
});

describe('Home Assistant MQTT discovery', () => {
  const device = { identifiers: ['skygate-obs1'], name: 'Skygate obs1', manufacturer: 'Skygate', model: 'daemon' };

  it('builds sensor, switch and number configs on homeassistant/<component>/<node_id>/<object_id>/config', () => {
    const classOf = haSensorClass('temperature', 'C');
    const sensor = haSensorConfig({
      nodeId: 'skygate_obs1', objectId: 'lens_temperature', name: 'Lens temperature', uniqueId: 'skygate-obs1-input-7-0',
      stateTopic: 'skygate/obs1/input/7/0', availabilityTopic: 'skygate/obs1/status', device, unit: classOf.unit, deviceClass: classOf.deviceClass,
    });
    expect(sensor).toEqual({
      topic: 'homeassistant/sensor/skygate_obs1/lens_temperature/config',
      payload: {
        name: 'Lens temperature', unique_id: 'skygate-obs1-input-7-0', state_topic: 'skygate/obs1/input/7/0',
        availability_topic: 'skygate/obs1/status', payload_available: 'online', payload_not_available: 'offline',
        device, origin: { name: 'Skygate' }, unit_of_measurement: '°C', device_class: 'temperature', state_class: 'measurement',
      },
    });
    const common = { nodeId: 'skygate_obs1', availabilityTopic: 'skygate/obs1/status', device };
    const sw = haSwitchConfig({ ...common, objectId: 'dew_strap', name: 'Dew strap', uniqueId: 'o-3-0', stateTopic: 's/3/0', commandTopic: 's/3/0/set' });
    expect(sw.topic).toBe('homeassistant/switch/skygate_obs1/dew_strap/config');
    expect(sw.payload).toMatchObject({ command_topic: 's/3/0/set', state_topic: 's/3/0', payload_on: 'on', payload_off: 'off', state_on: 'on', state_off: 'off' });
    const number = haNumberConfig({ ...common, objectId: 'dew_duty', name: 'Dew duty', uniqueId: 'o-4-0', stateTopic: 's/4/0', commandTopic: 's/4/0/set' });
    expect(number.payload).toMatchObject({ command_topic: 's/4/0/set', min: 0, max: 100, step: 0.1, unit_of_measurement: '%', mode: 'slider' });
    expect(() => haDiscoveryTopic('sensor', 'obs 1', 'x')).toThrow(/node_id/);
    expect(() => haDiscoveryTopic('sensor', 'obs1', 'a/b')).toThrow(/object_id/);
    expect(haSensorClass('humidity', 'percent')).toEqual({ unit: '%', deviceClass: 'humidity' });
    expect(haSensorClass('pressure', 'Pa')).toEqual({ unit: 'Pa', deviceClass: 'atmospheric_pressure' });
  });

  it('publishes retained configs that a late subscriber (Home Assistant starting) reads back, and removes them', async () => {
    const prefix = `skygate-test-ha-${randomUUID()}`;
    const connection = await connectTo();
    const common = { nodeId: 'skygate_obs1', availabilityTopic: 'skygate/obs1/status', device, prefix };
    const configs = [
      haSensorConfig({ ...common, objectId: 'air_humidity', name: 'Air humidity', uniqueId: 'i-1-1', stateTopic: 's/1/1', unit: '%', deviceClass: 'humidity' }),
      haSwitchConfig({ ...common, objectId: 'dew_strap', name: 'Dew strap', uniqueId: 'o-3-0', stateTopic: 's/3/0', commandTopic: 's/3/0/set' }),
    ];
    for (const config of configs) await publishHaDiscovery(connection, config);
    const homeAssistant = await listen(`${prefix}/+/skygate_obs1/+/config`);
    await homeAssistant.next(2);
    const byTopic = new Map(homeAssistant.received.map((m) => [m.topic, m]));
    for (const config of configs) {
      expect(byTopic.get(config.topic)?.retain).toBe(true);
      expect(JSON.parse(byTopic.get(config.topic)!.payload)).toEqual(config.payload);
    }
    for (const config of configs) await removeHaDiscovery(connection, config.topic);
    const later = await listen(`${prefix}/#`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(later.received).toEqual([]); // nothing retained any more
  });
});

async function waitForChannels(input: MqttInputBackend, count: number) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const values = await input.measure().catch(() => []);
    if (values.length === count) return values;
    if (Date.now() > deadline) throw new Error(`only ${values.length} of ${count} channels arrived`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
