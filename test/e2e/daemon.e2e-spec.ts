import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ManualClock } from '@app/core';
import { EquipmentRegistry } from '@app/equipment';
import { GPIO_DRIVER, type GpioDriver } from '@app/gpio';
import { createUser, REMOTE } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { MYCODO, mycodo } from './daemon-client';

describe('Mycodo API: wire contract and outputs', () => {
  const clock = new ManualClock('2026-11-29T20:00:00Z');
  let t: TestApp;
  let api: ReturnType<typeof mycodo>;
  let gpio: GpioDriver;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, configure: { hardware: { gpioDriver: 'simulated' } } });
    api = mycodo(t.app);
    gpio = t.app.get(GPIO_DRIVER);
    dir = await mkdtemp(join(tmpdir(), 'daemon-cmd-'));
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const createGpio = async (name: string, pin: number, options: Record<string, unknown> = {}) => {
    const res = await api.post('/api/outputs/', { name, output_type: 'gpio', channels: [{ channel: 0, options: { pin, on_state: 1, ...options } }] });
    expect(res.status).toBe(201);
    return (res.body as { 'output device': { unique_id: string } })['output device'].unique_id;
  };

  describe('media type and errors', () => {
    it('answers in the vendor media type and keeps Mycodo\'s keys with spaces', async () => {
      const res = await api.get('/api/outputs/');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/vnd\.mycodo\.v1\+json/);
      expect(Object.keys(res.body as object).sort()).toEqual(['output channels', 'output devices', 'output states']);
    });

    it('refuses an Accept that does not allow the vendor type with 406, before authentication', async () => {
      const res = await request(t.app.getHttpServer()).get('/api/outputs/').set(REMOTE).set('Accept', 'application/json');
      expect(res.status).toBe(406);
      expect(res.headers['content-type']).toMatch(/^application\/vnd\.mycodo\.v1\+json/);
      expect(JSON.parse(res.text)).toEqual({ message: `The Accept header must allow ${MYCODO}` });
      const wildcard = await request(t.app.getHttpServer()).get('/api/daemon/').set('Accept', '*/*');
      expect(wildcard.status).toBe(200);
    });

    it('answers an unknown id with 404 {"message"} and never a traceback', async () => {
      for (const path of ['/api/outputs/00000000-0000-4000-8000-000000000000', '/api/inputs/not-a-uuid', '/api/pids/00000000-0000-4000-8000-000000000000', '/api/settings/outputs/x']) {
        const res = await api.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(Object.keys(res.body as object)).toEqual(['message']);
        expect(res.headers['content-type']).toMatch(/^application\/vnd\.mycodo\.v1\+json/);
      }
    });

    it('reads the key in every Mycodo form and refuses a caller without credentials with 401', async () => {
      const admin = await createUser(t.app, 'daemon-admin', { admin: true });
      const { key } = await admin.key();
      const anonymous = await request(t.app.getHttpServer()).get('/api/daemon/').set(REMOTE).set('Accept', MYCODO);
      expect(anonymous.status).toBe(401);
      expect(JSON.parse(anonymous.text)).toMatchObject({ statusCode: 401, message: expect.any(String) });
      expect(anonymous.headers['content-type']).toMatch(/^application\/vnd\.mycodo\.v1\+json/);
      for (const [header, value, query] of [
        ['X-API-KEY', key, ''],
        ['Authorization', `Basic ${key}`, ''],
        ['X-Unused', '1', `?api_key=${encodeURIComponent(key)}`],
      ]) {
        const res = await request(t.app.getHttpServer()).get(`/api/daemon/${query}`).set(REMOTE).set('Accept', MYCODO).set(header, value);
        expect({ header, status: res.status }).toEqual({ header, status: 200 });
      }
      const viewer = await createUser(t.app, 'daemon-viewer', { roles: ['viewer'] });
      const id = await createGpio('viewer target', 5);
      const refused = await request(t.app.getHttpServer()).post(`/api/outputs/${id}`).set(REMOTE).set('Accept', MYCODO).set('Authorization', `Bearer ${viewer.token}`).send({ channel: 0, state: true });
      expect(refused.status).toBe(403);
      const users = await request(t.app.getHttpServer()).get('/api/settings/users').set(REMOTE).set('Accept', MYCODO).set('X-API-KEY', key);
      const text = JSON.stringify(users.body);
      expect(users.status).toBe(200);
      expect(text).toContain('daemon-admin');
      expect(text).not.toMatch(/password|hash|api_key/i);
    });

    it('refuses JSON "false" strings and an empty payload with 422', async () => {
      const id = await createGpio('strict', 6);
      const asString = await api.post(`/api/outputs/${id}`, { channel: 0, state: 'false' });
      expect(asString.status).toBe(422);
      expect((asString.body as { message: string }).message).toMatch(/state must be a boolean/);
      const empty = await api.post(`/api/outputs/${id}`, { channel: 0 });
      expect(empty.status).toBe(422);
      expect(empty.body).toEqual({ message: 'Insufficient payload' });
      expect(gpio.read(6)).toBe(0);
      for (const path of ['/api/outputs/', '/api/inputs/', '/api/pids/', '/api/functions/']) {
        const res = await api.post(path, {});
        expect({ path, status: res.status }).toEqual({ path, status: 422 });
        expect((res.body as { message: string }).message).toMatch(/name must be a string/);
      }
      expect(((await api.post('/api/outputs/', { name: 'x', output_type: 'teleporter', channels: [{ channel: 0 }] })).body as { message: string }).message).toBe('unknown output_type "teleporter"');
    });

    it('reports the daemon with real RAM, terminates it cleanly and starts it again', async () => {
      const id = await createGpio('shutdown state', 7, { state_startup: 1, state_shutdown: 0 });
      const status = await api.get('/api/daemon/');
      expect(status.body).toEqual({ is_running: true, RAM: expect.any(Number), python_virtual_env: false });
      expect((status.body as { RAM: number }).RAM).toBeGreaterThan(10);
      expect(gpio.read(7)).toBe(1); // the startup state, applied when the output was set up
      expect((await api.post('/api/daemon/terminate')).body).toEqual({ terminated: true });
      expect(gpio.read(7)).toBe(0);
      expect((await api.get('/api/daemon/')).body).toMatchObject({ is_running: false });
      expect((await api.post(`/api/outputs/${id}`, { channel: 0, state: true })).status).toBe(503);
      expect((await api.post('/api/daemon/start')).status).toBe(200);
      expect(gpio.read(7)).toBe(1);
      expect((await api.post('/api/daemon/start')).status).toBe(409);
    });
  });

  describe('outputs', () => {
    it('switches a GPIO output, reports its state as Mycodo does and refuses a second on', async () => {
      const id = await createGpio('heater', 17);
      expect((await api.post(`/api/outputs/${id}`, { channel: 0, state: true })).body).toEqual({ message: expect.stringMatching(/^Success: /) });
      expect(gpio.read(17)).toBe(1);
      const detail = await api.get(`/api/outputs/${id}`);
      expect((detail.body as Record<string, unknown>)['output device channel states']).toEqual({ '0': 'on' });
      const again = await api.post(`/api/outputs/${id}`, { channel: 0, state: true });
      expect(again.status).toBe(409);
      expect((again.body as { message: string }).message).toMatch(/^Fail: .*already on/);
      expect((await api.post(`/api/outputs/${id}`, { channel: 3, state: true })).status).toBe(409);
      await api.post(`/api/outputs/${id}`, { channel: 0, state: false }).expect(200);
      expect(gpio.read(17)).toBe(0);
      const list = await api.get('/api/outputs/');
      expect((list.body as { 'output states': Record<string, unknown> })['output states'][id]).toEqual({ '0': 'off' });
    });

    it('refuses a GPIO pin another output holds with 409 naming the owner', async () => {
      await createGpio('first holder', 18);
      const res = await api.post('/api/outputs/', { name: 'second', output_type: 'gpio', channels: [{ channel: 0, options: { pin: 18 } }] });
      expect(res.status).toBe(409);
      expect((res.body as { message: string }).message).toBe('Fail: GPIO pin 18 is in use by the daemon output "first holder"');
      const names = ((await api.get('/api/outputs/')).body as { 'output devices': { name: string }[] })['output devices'].map((o) => o.name);
      expect(names).not.toContain('second');
    });

    it('times an on period on the clock; a new duration replaces the remaining time; each period is recorded at its start', async () => {
      const id = await createGpio('timed', 22);
      const start = clock.nowMs();
      await api.post(`/api/outputs/${id}`, { channel: 0, state: true, duration: 10 }).expect(200);
      expect(gpio.read(22)).toBe(1);
      clock.advance(4000);
      await api.post(`/api/outputs/${id}`, { channel: 0, state: true, duration: 10 }).expect(200);
      clock.advance(9000);
      await api.tick();
      expect(gpio.read(22)).toBe(1);
      clock.advance(1500);
      await api.tick();
      expect(gpio.read(22)).toBe(0);
      const past = await api.get(`/api/measurements/past/${id}/s/0/3600`);
      expect((past.body as { measurements: unknown[] }).measurements).toEqual([
        { time: start / 1000, value: 4 },
        { time: start / 1000 + 4, value: 10.5 },
      ]);
    });

    it('refuses a timed on before min_off has elapsed', async () => {
      const id = await createGpio('min off', 23);
      await api.post(`/api/outputs/${id}`, { channel: 0, state: true, duration: 5, min_off: 60 }).expect(200);
      clock.advance(5000);
      await api.tick();
      expect(gpio.read(23)).toBe(0);
      const early = await api.post(`/api/outputs/${id}`, { channel: 0, state: true, duration: 5 });
      expect(early.status).toBe(409);
      expect((early.body as { message: string }).message).toMatch(/instructed to stay off for 60 more seconds/);
      clock.advance(60_000);
      await api.post(`/api/outputs/${id}`, { channel: 0, state: true, duration: 5 }).expect(200);
      expect(gpio.read(23)).toBe(1);
    });

    it('sets a PWM duty and reports it as the state', async () => {
      const res = await api.post('/api/outputs/', { name: 'fan', output_type: 'pwm', channels: [{ channel: 0, options: { pin: 12, pwm_hertz: 1000 } }] });
      const id = (res.body as { 'output device': { unique_id: string } })['output device'].unique_id;
      await api.post(`/api/outputs/${id}`, { channel: 0, duty_cycle: 42 }).expect(200);
      expect((await api.get(`/api/outputs/${id}`)).body).toMatchObject({ 'output device channel states': { '0': '42' } });
      expect((await api.post(`/api/outputs/${id}`, { channel: 0, duty_cycle: 120 })).status).toBe(422);
      await api.post(`/api/outputs/${id}`, { channel: 0, duty_cycle: 0 }).expect(200);
      expect((await api.get(`/api/outputs/${id}`)).body).toMatchObject({ 'output device channel states': { '0': 'off' } });
    });

    it('runs a shell command output as a real child process', async () => {
      const file = join(dir, 'relay');
      const res = await api.post('/api/outputs/', {
        name: 'relay script',
        output_type: 'command',
        channels: [{ channel: 0, options: { on_command: `echo on > ${file}`, off_command: `echo off > ${file}` } }],
      });
      const id = (res.body as { 'output device': { unique_id: string } })['output device'].unique_id;
      await api.post(`/api/outputs/${id}`, { channel: 0, state: true }).expect(200);
      expect(await readFile(file, 'utf8')).toBe('on\n');
      await api.post(`/api/outputs/${id}`, { channel: 0, state: false }).expect(200);
      expect(await readFile(file, 'utf8')).toBe('off\n');
      await api.patch(`/api/outputs/${id}`, { channels: [{ channel: 0, options: { on_command: 'echo broken >&2; exit 3', off_command: 'true' } }] }).expect(200);
      const failed = await api.post(`/api/outputs/${id}`, { channel: 0, state: true });
      expect(failed.status).toBe(502);
      expect((failed.body as { message: string }).message).toMatch(/^Fail: .*command failed \(3\): broken/);
    });

    it('drives a port of the Equipment switch device (a power box) as an output', async () => {
      const equipment = t.app.get(EquipmentRegistry);
      await equipment.connect('switch');
      const res = await api.post('/api/outputs/', {
        name: 'Power box',
        output_type: 'equipment_switch',
        channels: [
          { channel: 0, name: '12 V', options: { port: 0 } },
          { channel: 1, name: 'Dew heater', options: { port: 1 } },
        ],
      });
      const id = (res.body as { 'output device': { unique_id: string } })['output device'].unique_id;
      await api.post(`/api/outputs/${id}`, { channel: 0, state: false }).expect(200);
      expect(equipment.get('switch').ports()[0].value).toBe(0);
      await api.post(`/api/outputs/${id}`, { channel: 0, state: true }).expect(200);
      expect(equipment.get('switch').ports()[0].value).toBe(1);
      await api.post(`/api/outputs/${id}`, { channel: 1, value: 40 }).expect(200);
      expect(equipment.get('switch').ports()[1].value).toBe(40);
      expect((await api.get(`/api/outputs/${id}`)).body).toMatchObject({ 'output device channel states': { '0': 'on', '1': '40' } });
      const outOfRange = await api.post(`/api/outputs/${id}`, { channel: 1, value: 400 });
      expect(outOfRange.status).toBe(502);
      expect((outOfRange.body as { message: string }).message).toMatch(/^Fail: /);
    });

    it('deletes an output, releasing its pin', async () => {
      const id = await createGpio('to delete', 24);
      await api.delete(`/api/outputs/${id}`).expect(204);
      expect((await api.get(`/api/outputs/${id}`)).status).toBe(404);
      await createGpio('reuses pin 24', 24);
    });
  });
});
