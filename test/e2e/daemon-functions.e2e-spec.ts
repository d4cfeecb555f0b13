import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { ManualClock } from '@app/core';
import { EquipmentRegistry } from '@app/equipment';
import { GPIO_DRIVER, type GpioDriver } from '@app/gpio';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { mycodo } from './daemon-client';

interface Received {
  name: string;
  payload: Record<string, unknown>;
}

/** A socket client that collects every message. */
async function openEvents(t: TestApp, headers: Record<string, string> = {}) {
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers });
  const messages: Received[] = [];
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Received));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, closed };
}

const until = async (check: () => boolean, what: string) => {
  for (let n = 0; n < 200 && !check(); n++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('Mycodo API: functions, the observatory safety rule and the event socket', () => {
  const clock = new ManualClock('2026-11-29T22:00:00Z');
  let t: TestApp;
  let api: ReturnType<typeof mycodo>;
  let hooks: Server;
  const hookBodies: Record<string, unknown>[] = [];
  let hookUrl: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, configure: { hardware: { gpioDriver: 'simulated' } } });
    await t.app.listen(0, '127.0.0.1');
    api = mycodo(t.app);
    hooks = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        hookBodies.push(JSON.parse(text) as Record<string, unknown>);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => hooks?.close(resolve));
  });

  it('parks the mount and closes the dome within one function period when the weather turns unsafe, and says why', async () => {
    const equipment = t.app.get(EquipmentRegistry);
    for (const device of ['mount', 'dome', 'safetymonitor'] as const) await equipment.connect(device);
    await equipment.get('mount').unpark();
    await equipment.get('dome').openShutter();
    const events = await openEvents(t);
    const created = await api.post('/api/functions/', {
      name: 'Weather safety',
      period: 10,
      conditions: [{ type: 'safety', safe: false }],
      actions: [
        { type: 'equipment', action: 'park_mount' },
        { type: 'equipment', action: 'close_dome' },
        { type: 'webhook', url: hookUrl },
      ],
    });
    expect(created.status).toBe(201);
    const id = (created.body as { 'function settings': { unique_id: string } })['function settings'].unique_id;
    await api.post(`/api/controllers/${id}`, { activate: true }).expect(200);
    await api.tick();
    expect(equipment.get('mount').status().atPark).toBe(false);

    (equipment.get('safetymonitor') as unknown as { setSafe(safe: boolean): void }).setSafe(false);
    clock.advance(10_000);
    await api.tick();
    expect(equipment.get('mount').status().atPark).toBe(true);
    expect(equipment.get('dome').status().shutter).toBe('ShutterClosed');
    expect(hookBodies).toEqual([{ function_id: id, name: 'Weather safety', reason: 'safety monitor reports unsafe' }]);
    await until(() => events.messages.some((m) => m.name === 'daemon.function-fired'), 'the function-fired event');
    expect(events.messages.find((m) => m.name === 'daemon.function-fired')?.payload).toEqual({
      function_id: id,
      name: 'Weather safety',
      reason: 'safety monitor reports unsafe',
      results: ['mount parked', 'dome closed', 'webhook ' + hookUrl + ' answered 204'],
    });
    events.ws.close();
    // Like Mycodo's conditionals, a function fires every period while its conditions hold.
    clock.advance(10_000);
    await api.tick();
    expect(hookBodies).toHaveLength(2);
    await api.post(`/api/controllers/${id}`, { activate: false }).expect(200);
  });

  it('switches an output from a measurement condition only while the value is fresh', async () => {
    const gpio = t.app.get<GpioDriver>(GPIO_DRIVER);
    const output = await api.post('/api/outputs/', { name: 'Dew heater', output_type: 'gpio', channels: [{ channel: 0, options: { pin: 16 } }] });
    const outputId = (output.body as { 'output device': { unique_id: string } })['output device'].unique_id;
    const sensor = 'aaaaaaaa-0000-4000-8000-000000000001';
    const created = await api.post('/api/functions/', {
      name: 'Dew guard',
      period: 5,
      conditions: [{ type: 'measurement', device_id: sensor, unit: 'C', channel: 0, operator: '<', value: 2, max_age: 30 }],
      actions: [{ type: 'output', output_id: outputId, channel: 0, state: true, duration: 20 }],
    });
    const id = (created.body as { 'function settings': { unique_id: string } })['function settings'].unique_id;
    await api.post(`/api/controllers/${id}`, { activate: true }).expect(200);
    await api.post(`/api/measurements/create/${sensor}/C/0/1.5`, { timestamp: new Date(clock.nowMs() - 60_000).toISOString() }).expect(200);
    clock.advance(5000);
    await api.tick();
    expect(gpio.read(16)).toBe(0);
    await api.post(`/api/measurements/create/${sensor}/C/0/1.5`).expect(200);
    clock.advance(5000);
    await api.tick();
    expect(gpio.read(16)).toBe(1);
    await api.post(`/api/controllers/${id}`, { activate: false }).expect(200);
    clock.advance(20_000);
    await api.tick();
    expect(gpio.read(16)).toBe(0);
  });

  it('fires on a weather limit of the Equipment weather device', async () => {
    await t.app.get(EquipmentRegistry).connect('weather');
    hookBodies.length = 0;
    const created = await api.post('/api/functions/', {
      name: 'Wind limit',
      period: 10,
      conditions: [
        { type: 'weather', field: 'windSpeed', operator: '>', value: 2 },
        { type: 'time', after: '00:00', before: '23:59' },
      ],
      actions: [{ type: 'webhook', url: hookUrl }],
    });
    const id = (created.body as { 'function settings': { unique_id: string } })['function settings'].unique_id;
    await api.post(`/api/controllers/${id}`, { activate: true }).expect(200);
    await api.tick();
    expect(hookBodies).toEqual([{ function_id: id, name: 'Wind limit', reason: 'weather windSpeed is 2.3 (> 2) and time is between 00:00 and 23:59 UTC' }]);
    await api.patch(`/api/functions/${id}`, { conditions: [{ type: 'weather', field: 'windSpeed', operator: '>', value: 20 }] }).expect(200);
    clock.advance(10_000);
    await api.tick();
    expect(hookBodies).toHaveLength(1);
    await api.post(`/api/controllers/${id}`, { activate: false }).expect(200);
  });

  it('refuses malformed conditions and actions with 422 naming the problem', async () => {
    const bad = await api.post('/api/functions/', { name: 'Bad', conditions: [{ type: 'measurement', device_id: 'x' }] });
    expect(bad.status).toBe(422);
    expect((bad.body as { message: string }).message).toMatch(/^condition 0: a measurement condition needs/);
    const created = await api.post('/api/functions/', { name: 'Editable', conditions: [{ type: 'time', after: '00:00', before: '23:59' }] });
    const id = (created.body as { 'function settings': { unique_id: string } })['function settings'].unique_id;
    expect((await api.post(`/api/functions/${id}/actions`, { rule: { type: 'equipment', action: 'explode' } })).status).toBe(422);
    await api.post(`/api/functions/${id}/actions`, { rule: { type: 'mqtt', topic: 'skygate/alert', payload: 'x' } }).expect(201);
    const shown = JSON.parse(((await api.get(`/api/functions/${id}`)).body as { 'function settings': { custom_options: string } })['function settings'].custom_options);
    expect(shown.actions).toEqual([{ type: 'mqtt', topic: 'skygate/alert', payload: 'x' }]);
    await api.delete(`/api/functions/${id}/actions/0`).expect(200);
    expect((await api.delete(`/api/functions/${id}/actions/0`)).status).toBe(404);
    await api.delete(`/api/functions/${id}`).expect(204);
  });

  it('streams output changes to a socket with daemon:read and refuses an anonymous remote socket', async () => {
    const events = await openEvents(t);
    const output = await api.post('/api/outputs/', { name: 'Fan', output_type: 'gpio', channels: [{ channel: 0, options: { pin: 20 } }] });
    const id = (output.body as { 'output device': { unique_id: string } })['output device'].unique_id;
    await api.post(`/api/outputs/${id}`, { channel: 0, state: true, duration: 3 }).expect(200);
    await until(() => events.messages.some((m) => m.name === 'daemon.output-changed'), 'the output event');
    expect(events.messages.find((m) => m.name === 'daemon.output-changed')?.payload).toEqual({ output_id: id, channel: 0, state: 'on', duration: 3, source: 'api' });
    events.ws.close();
    const remote = await openEvents(t, { 'X-Forwarded-For': '203.0.113.9' });
    expect(await remote.closed).toBe(4401);
  });

  it('runs a PID: a temperature below the setpoint drives the raise output for CV seconds', async () => {
    const gpio = t.app.get<GpioDriver>(GPIO_DRIVER);
    const input = await api.post('/api/inputs/', { name: 'Mirror', device: 'simulated', period: 30, channels: [{ channel: 0, measurement: 'temperature', unit: 'C', options: { base: 4 } }] });
    const inputId = (input.body as { 'input settings': { unique_id: string } })['input settings'].unique_id;
    const dm = (input.body as { 'device measurements': { unique_id: string }[] })['device measurements'][0].unique_id;
    const output = await api.post('/api/outputs/', { name: 'Mirror heater', output_type: 'gpio', channels: [{ channel: 0, options: { pin: 21 } }] });
    const outputId = (output.body as { 'output device': { unique_id: string } })['output device'].unique_id;
    const pid = await api.post('/api/pids/', { name: 'Mirror PID', measurement: `${inputId},${dm}`, setpoint: 6, p: 2, period: 30, raise_output_id: `${outputId},0`, raise_max_duration: 20 });
    expect(pid.status).toBe(201);
    const pidId = (pid.body as { 'pid settings': { unique_id: string } })['pid settings'].unique_id;
    await api.post(`/api/controllers/${inputId}`, { activate: true }).expect(200);
    await api.post(`/api/controllers/${pidId}`, { activate: true }).expect(200);
    await api.tick();
    await api.tick();
    expect(gpio.read(21)).toBe(1);
    const state = (await api.get(`/api/pids/${pidId}/state`)).body as Record<string, number>;
    expect(state).toMatchObject({ setpoint: 6, error: 2, integrator: 0, derivator: 4, kp: 2 }); // the first step integrates nothing (no elapsed time yet)
    expect(state.last_output).toBe(4); // P alone: kp × error
    expect(Date.parse(String(state.last_step_at))).toBe(clock.nowMs());
    clock.advance(4100);
    await api.tick();
    expect(gpio.read(21)).toBe(0);
    await api.post(`/api/pids/${pidId}/state`, { setpoint: 7 }).expect(200);
    expect(((await api.get(`/api/pids/${pidId}`)).body as { 'pid settings': { setpoint: number } })['pid settings'].setpoint).toBe(7);
    await api.post(`/api/pids/${pidId}/pause`).expect(200);
    clock.advance(30_000);
    await api.tick();
    await api.tick();
    expect(gpio.read(21)).toBe(0);
    await api.post(`/api/controllers/${pidId}`, { activate: false }).expect(200);
  });
});
