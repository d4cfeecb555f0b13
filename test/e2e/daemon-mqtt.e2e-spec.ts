import { randomUUID } from 'node:crypto';
import { ManualClock } from '@app/core';
import { MqttConnection } from '../../libs/daemon/src/mqtt/mqtt-connection';
import { PrivateBroker } from '../../libs/daemon/test/private-broker';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { mycodo } from './daemon-client';

const BROKER = process.env.SKYGATE_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

/** Messages of one filter, on a connection of the test's own; `until` waits for one that matches. */
async function listen(filter: string) {
  const connection = await MqttConnection.connect({ url: BROKER, connectTimeoutMs: 5000 });
  const received: Array<{ topic: string; payload: string; retain: boolean }> = [];
  await connection.subscribe(filter, (topic, payload, { retain }) => received.push({ topic, payload: payload.toString(), retain }));
  const until = async (match: (m: { topic: string; payload: string; retain: boolean }) => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = received.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no MQTT message: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { received, until, close: () => connection.close() };
}

describe('Mycodo API with MQTT_URL: MQTT inputs and outputs, Home Assistant discovery and commands (real Mosquitto)', () => {
  const clock = new ManualClock('2026-11-29T21:00:00Z');
  const root = `skygate-test/${randomUUID()}`;
  let t: TestApp;
  let api: ReturnType<typeof mycodo>;
  let inputId: string;
  let outputId: string;
  const listeners: Array<{ close(): Promise<void> }> = [];
  const watch = async (filter: string) => {
    const l = await listen(filter);
    listeners.push(l);
    return l;
  };

  beforeAll(async () => {
    // Devices created without MQTT, then the daemon restarted with it: discovery must come at start.
    const first = await startTestApp({ clock, persistent: true, configure: { hardware: { gpioDriver: 'simulated' } } });
    const before = mycodo(first.app);
    const input = await before.post('/api/inputs/', { name: 'Air', device: 'mqtt', channels: [{ channel: 0, measurement: 'temperature', unit: 'C', options: { topic: `${root}/weather`, json_path: 'air.temp' } }] });
    inputId = (input.body as { 'input settings': { unique_id: string } })['input settings'].unique_id;
    const output = await before.post('/api/outputs/', { name: 'Dew strap', output_type: 'mqtt', channels: [{ channel: 0, options: { topic: `${root}/strap/set`, payload_on: 'ON', payload_off: 'OFF' } }] });
    outputId = (output.body as { 'output device': { unique_id: string } })['output device'].unique_id;
    await first.stop();
    t = await startTestApp({ clock, reuse: first.reuse, configure: { hardware: { gpioDriver: 'simulated' }, mqtt: { url: BROKER } } });
    api = mycodo(t.app);
  }, 120_000);
  afterAll(async () => {
    // Deleting the devices retracts their retained discovery configs from the shared broker.
    if (api) for (const path of [`/api/inputs/${inputId}`, `/api/outputs/${outputId}`]) await api.delete(path);
    await Promise.all(listeners.map((l) => l.close()));
    await t?.close();
  });

  it('published the Home Assistant discovery of existing inputs and outputs (retained) at start', async () => {
    const discovery = await watch(`homeassistant/+/skygate/+/config`);
    const sensor = await discovery.until((m) => m.topic === `homeassistant/sensor/skygate/input-${inputId}-0/config`, 'the sensor config');
    expect(sensor.retain).toBe(true);
    expect(JSON.parse(sensor.payload)).toMatchObject({
      unique_id: `skygate-input-${inputId}-0`,
      state_topic: `skygate/input/${inputId}/0/state`,
      unit_of_measurement: '°C',
      device_class: 'temperature',
      availability_topic: 'skygate/status',
      device: { identifiers: ['skygate'] },
    });
    const sw = await discovery.until((m) => m.topic === `homeassistant/switch/skygate/output-${outputId}-0/config`, 'the switch config');
    expect(JSON.parse(sw.payload)).toMatchObject({ command_topic: `skygate/output/${outputId}/0/set`, state_topic: `skygate/output/${outputId}/0/state` });
  });

  it('switches an MQTT output from the API (Mycodo payloads on the channel topic) and publishes its state', async () => {
    const strap = await watch(`${root}/strap/set`);
    const state = await watch(`skygate/output/${outputId}/0/state`);
    await api.post(`/api/outputs/${outputId}`, { channel: 0, state: true }).expect(200);
    await strap.until((m) => m.payload === 'ON', 'ON on the strap topic');
    await state.until((m) => m.payload === 'on', 'the on state');
    await api.post(`/api/outputs/${outputId}`, { channel: 0, state: false }).expect(200);
    await strap.until((m) => m.payload === 'OFF', 'OFF on the strap topic');
    await state.until((m) => m.payload === 'off', 'the off state');
    await api.post(`/api/outputs/${outputId}`, { channel: 0, duty_cycle: 40 }).expect(200);
    await strap.until((m) => m.payload === '40', 'the duty cycle');
    await state.until((m) => m.payload === '40', 'the duty state');
    // Off after a duty is duty 0 (Mycodo's pwm_mqtt).
    await api.post(`/api/outputs/${outputId}`, { channel: 0, state: false }).expect(200);
    await strap.until((m) => m.payload === '0', 'duty 0 on the strap topic');
  });

  it('reads an MQTT input (JSON at a JMESPath) and publishes the measurement as it is taken', async () => {
    const states = await watch(`skygate/input/${inputId}/0/state`);
    await api.post(`/api/controllers/${inputId}`, { activate: true }).expect(200);
    const publisher = await MqttConnection.connect({ url: BROKER });
    listeners.push(publisher);
    await publisher.publish(`${root}/weather`, JSON.stringify({ air: { temp: 4.5 } }));
    const deadline = Date.now() + 5000;
    let res = await api.post(`/api/inputs/${inputId}/force-measurement`);
    while (res.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      res = await api.post(`/api/inputs/${inputId}/force-measurement`);
    }
    expect(res.status).toBe(200);
    expect(((await api.get(`/api/measurements/last/${inputId}/C/0/60`)).body as { value: number }).value).toBe(4.5);
    await states.until((m) => m.payload === '4.5', 'the measurement on the state topic');
    await api.post(`/api/controllers/${inputId}`, { activate: false }).expect(200);
  });

  it('lets Home Assistant switch an output through the output service, min-off included', async () => {
    const created = await api.post('/api/outputs/', { name: 'Fan', output_type: 'gpio', channels: [{ channel: 0, options: { pin: 23 } }] });
    const fanId = (created.body as { 'output device': { unique_id: string } })['output device'].unique_id;
    const discovery = await watch(`homeassistant/switch/skygate/output-${fanId}-0/config`);
    await discovery.until((m) => m.payload !== '', 'the new output’s discovery');
    const ha = await MqttConnection.connect({ url: BROKER });
    listeners.push(ha);
    const states = await watch(`skygate/output/${fanId}/0/state`);
    const fanState = async () => ((await api.get(`/api/outputs/${fanId}`)).body as { 'output device channel states': Record<string, string> })['output device channel states']['0'];

    await ha.publish(`skygate/output/${fanId}/0/set`, 'on');
    await states.until((m) => m.payload === 'on', 'on after the HA command');
    expect(await fanState()).toBe('on');
    await ha.publish(`skygate/output/${fanId}/0/set`, 'off');
    await states.until((m) => m.payload === 'off', 'off after the HA command');

    // A timed on with a 10-minute min-off, ended by the daemon's timer: Home Assistant may not switch it on again yet.
    await api.post(`/api/outputs/${fanId}`, { channel: 0, state: true, duration: 5, min_off: 600 }).expect(200);
    clock.advance(6000);
    await api.tick();
    expect(await fanState()).toBe('off');
    const count = states.received.length;
    await ha.publish(`skygate/output/${fanId}/0/set`, 'on');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fanState()).toBe('off');
    expect(states.received.slice(count).some((m) => m.payload === 'on')).toBe(false);
    clock.advance(600_000);
    await ha.publish(`skygate/output/${fanId}/0/set`, 'on');
    await states.until((m) => states.received.indexOf(m) >= count && m.payload === 'on', 'on once min-off passed');

    await api.delete(`/api/outputs/${fanId}`).expect(204);
    const removed = await discovery.until((m) => m.payload === '', 'the empty config that removes the entity');
    expect(removed.topic).toBe(`homeassistant/switch/skygate/output-${fanId}-0/config`);
  });

  it('announces a PWM output as a Home Assistant number and sets its duty from the command topic', async () => {
    const created = await api.post('/api/outputs/', { name: 'Heater', output_type: 'pwm', channels: [{ channel: 0, options: { pin: 12 } }] });
    const id = (created.body as { 'output device': { unique_id: string } })['output device'].unique_id;
    const discovery = await watch(`homeassistant/number/skygate/output-${id}-0/config`);
    const config = await discovery.until((m) => m.payload !== '', 'the number config');
    expect(JSON.parse(config.payload)).toMatchObject({ min: 0, max: 100, unit_of_measurement: '%', command_topic: `skygate/output/${id}/0/set` });
    const states = await watch(`skygate/output/${id}/0/state`);
    const ha = await MqttConnection.connect({ url: BROKER });
    listeners.push(ha);
    await ha.publish(`skygate/output/${id}/0/set`, '35');
    await states.until((m) => m.payload === '35', 'the duty state');
    await api.delete(`/api/outputs/${id}`).expect(204);
  });
});

describe('Mycodo API with MQTT_URL whose broker starts after Skygate, discovery under MQTT_DISCOVERY_PREFIX (private Mosquitto)', () => {
  const clock = new ManualClock('2026-11-29T21:00:00Z');
  let broker: PrivateBroker;
  let t: TestApp;

  beforeAll(async () => {
    broker = await PrivateBroker.configure();
    t = await startTestApp({ clock, configure: { hardware: { gpioDriver: 'simulated' }, mqtt: { url: broker.url, discoveryPrefix: 'observatory/ha' } } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await broker?.remove();
  });

  it('starts and serves without the broker, then announces discovery and reads MQTT inputs once the broker is up', async () => {
    const api = mycodo(t.app);
    const input = await api.post('/api/inputs/', { name: 'Late air', device: 'mqtt', channels: [{ channel: 0, measurement: 'temperature', unit: 'C', options: { topic: 'late/weather' } }] }).expect(201);
    const id = (input.body as { 'input settings': { unique_id: string } })['input settings'].unique_id;
    await api.post(`/api/controllers/${id}`, { activate: true }).expect(200);

    await broker.restart();
    const homeAssistant = await MqttConnection.connect({ url: broker.url, connectTimeoutMs: 5000 });
    try {
      const configs: string[] = [];
      await homeAssistant.subscribe('observatory/ha/+/skygate/+/config', (topic) => configs.push(topic));
      const deadline = Date.now() + 15_000;
      while (!configs.includes(`observatory/ha/sensor/skygate/input-${id}-0/config`)) {
        if (Date.now() > deadline) throw new Error(`no discovery after the broker started (got ${configs.join(', ') || 'nothing'})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      let res = await api.post(`/api/inputs/${id}/force-measurement`);
      while (res.status !== 200 && Date.now() < deadline) {
        await homeAssistant.publish('late/weather', '2.5');
        await new Promise((resolve) => setTimeout(resolve, 100));
        res = await api.post(`/api/inputs/${id}/force-measurement`);
      }
      expect(res.status).toBe(200);
      expect(((await api.get(`/api/measurements/last/${id}/C/0/60`)).body as { value: number }).value).toBe(2.5);
    } finally {
      await homeAssistant.close();
    }
  });
});
