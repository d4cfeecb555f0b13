import type { AddressInfo } from 'node:net';
import { filter, firstValueFrom, take } from 'rxjs';
import request from 'supertest';
import WebSocket from 'ws';
import { UserService } from '@app/auth';
import { EventBus } from '@app/core';
import { GPIO_DRIVER, SimulatedGpioDriver } from '@app/gpio';
import { createUser, REMOTE } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

type Started = Awaited<ReturnType<typeof startTestApp>>;
const SIMULATED = { hardware: { gpioDriver: 'simulated' as const, serviceManager: 'simulated' as const } };
const A4988 = { type: 'a4988', profile: 'nema17', steps: { fast: 200, slow: 20 }, pins: { direction: 22, step: 23, enable: 24 }, limits: { min: 0, max: 1000 } };
const ULN2003 = { type: 'uln2003', profile: 'custom', steps: { fast: 500, slow: 50 }, pins: { in1: 20, in2: 21, in3: 26, in4: 19 }, limits: { min: 0, max: 1000 } };

/** Opens a websocket and collects its JSON messages. */
async function openSocket(url: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers });
  const messages: { name: string; payload: Record<string, unknown> }[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  /** Resolves with the first message (already received or later) that matches. */
  const waitFor = async (match: (m: (typeof messages)[number]) => boolean) => {
    for (;;) {
      const found = messages.find(match);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { socket, messages, closed, waitFor };
}

describe('Focuser on the GpioDriver, and the /allsky/events websocket', () => {
  let t: Started;
  let restarted: TestApp | undefined;
  let base: string;
  const http = () => request(t.app.getHttpServer());
  const sim = () => t.app.get<SimulatedGpioDriver>(GPIO_DRIVER);
  const bus = () => t.app.get(EventBus);
  const moveEnds = () => firstValueFrom(bus().on('focuser.move').pipe(filter((e) => e.payload.state !== 'moving')));

  beforeAll(async () => {
    t = await startTestApp({ persistent: true, configure: SIMULATED });
    await t.app.listen(0, '127.0.0.1');
    base = `ws://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/allsky/events`;
  });
  afterAll(async () => {
    await restarted?.stop();
    await t.close();
  });

  it('GET /focuser/settings gives the Allsky Server defaults', async () => {
    expect((await http().get('/focuser/settings').expect(200)).body).toEqual({
      ok: true,
      settings: { type: 'uln2003', profile: 'custom', steps: { fast: 500, slow: 50 }, pins: { in1: 20, in2: 21, in3: 26, in4: 19 }, limits: { min: null, max: null } },
    });
  });

  it.each([
    [{}, 'No JSON body provided'],
    [{ type: 'a4988' }, 'Invalid format'],
    [{ pins: { in1: 1 } }, 'Invalid format'],
    [{ ...A4988, pins: { direction: 22, step: 22, enable: 24 } }, 'pins must be different GPIO numbers'],
    [{ ...A4988, pins: { direction: 22, step: 23 } }, 'pins.enable must be a GPIO number 0..27'],
    [{ ...A4988, steps: { fast: 0, slow: 20 } }, 'steps.fast and steps.slow must be positive integers'],
    [{ ...A4988, limits: { min: 10, max: 5 } }, 'limits.min must not be above limits.max'],
    [{ ...A4988, type: 'drv8825' }, 'type must be a4988 or uln2003, not drv8825'],
  ])('POST /focuser/settings %j is 400 %s', async (body, error) => {
    expect((await http().post('/focuser/settings').send(body).expect(400)).body).toEqual({ ok: false, error });
  });

  it('streams focuser moves and pin changes to a loopback websocket client', async () => {
    const ws = await openSocket(base);
    await ws.waitFor((m) => m.name === 'subscribed');
    expect((await http().post('/focuser/settings').send(A4988).expect(200)).body).toEqual({ ok: true, saved: true });
    const done = moveEnds();
    const res = await http().post('/focuser/move').send({ direction: 'out', steps: 30, speed: 'fast' }).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toBe('ok');
    expect((await done).payload).toMatchObject({ state: 'done', steps: 30, done: 30, position: 30, direction: 'out' });
    const finished = await ws.waitFor((m) => m.name === 'focuser.move' && m.payload.state === 'done');
    expect(finished.payload.position).toBe(30);
    expect(ws.messages.some((m) => m.name === 'focuser.move' && m.payload.state === 'moving')).toBe(true);
    await http().post('/gpio/digital').send({ pin: 5, state: 'on' }).expect(200);
    expect((await ws.waitFor((m) => m.name === 'gpio.pin-changed')).payload).toMatchObject({ pin: 5, value: 'on', source: 'request' });
    ws.socket.close();
  });

  it('an A4988 move pulses STEP once per step with DIR low for out, high for in; status tracks the position', async () => {
    const driver = sim();
    const before = driver.writes.length;
    const done = moveEnds();
    await http().post('/focuser/move').send({ direction: 'in', steps: 5, speed: 'slow' }).expect(200);
    await done;
    const stepPulses = driver.writes.slice(before).filter((w) => w.pin === 23 && w.level === 1);
    expect(stepPulses).toHaveLength(5);
    expect(driver.state(22).level).toBe(1);
    const status = (await http().get('/focuser/status').expect(200)).body;
    expect(status).toMatchObject({ position: 25, moving: false, type: 'a4988', limits: { min: 0, max: 1000 }, move: { direction: 'in', steps: 5, done: 5, state: 'done', speed: 'slow' } });
  });

  it.each([
    [{ direction: 'in', steps: 26 }, 'A move to -1 is outside the focuser limits 0..1000 (position 25)'],
    [{ direction: 'out', steps: 976 }, 'A move to 1001 is outside the focuser limits 0..1000 (position 25)'],
    [{ direction: 'up', steps: 1 }, 'direction must be "in" or "out"'],
    [{ direction: 'in', steps: 0 }, 'steps must be a positive integer'],
    [{ direction: 'in', steps: 1.5 }, 'steps must be a positive integer'],
    [{ direction: 'in', steps: 1, speed: 'warp' }, 'speed must be "slow" or "fast"'],
  ])('POST /focuser/move %j is 400: %s', async (body, error) => {
    expect((await http().post('/focuser/move').send(body).expect(400)).body).toEqual({ error });
    expect((await http().get('/focuser/status').expect(200)).body.position).toBe(25);
  });

  it('enable drives the A4988 EN pin low, disable high (GET kept, POST offered)', async () => {
    expect((await http().get('/focuser/enable').expect(200)).body).toBe('ok');
    expect(sim().state(24)).toMatchObject({ mode: 'output', level: 0 });
    expect((await http().post('/focuser/disable').expect(200)).body).toBe('ok');
    expect(sim().state(24).level).toBe(1);
    expect((await http().get('/focuser/status').expect(200)).body.enabled).toBe(false);
  });

  it('a ULN2003 move can be aborted; a second move meanwhile is 409; coils end off', async () => {
    await http().post('/focuser/settings').send(ULN2003).expect(200);
    const firstStep = firstValueFrom(bus().on('focuser.move').pipe(take(1)));
    const ended = moveEnds();
    await http().post('/focuser/move').send({ direction: 'out', steps: 500, speed: 'slow' }).expect(200);
    await firstStep;
    expect((await http().post('/focuser/move').send({ direction: 'out', steps: 1 }).expect(409)).body).toEqual({ error: 'The focuser is already moving' });
    expect((await http().post('/focuser/settings').send(A4988).expect(409)).body.ok).toBe(false);
    const abort = (await http().post('/focuser/abort').expect(200)).body;
    const event = (await ended).payload;
    expect(event.state).toBe('aborted');
    expect(event.done).toBeLessThan(500);
    expect(abort).toEqual({ ok: true, aborted: true, position: 25 + event.done });
    for (const pin of [20, 21, 26, 19]) expect(sim().state(pin).level).toBe(0);
    expect((await http().post('/focuser/abort').expect(200)).body).toEqual({ ok: true, aborted: false, position: 25 + event.done });
  });

  it('a ULN2003 step walks the 4-phase sequence; a move that loses the GPIO backend fails and says why', async () => {
    const positioned = (await http().post('/focuser/position').send({ position: 100 }).expect(200)).body;
    expect(positioned).toMatchObject({ position: 100, moving: false, type: 'uln2003', limits: { min: 0, max: 1000 } });
    expect((await http().post('/focuser/position').send({ position: 'x' }).expect(400)).body).toEqual({ error: 'position must be an integer' });
    const before = sim().writes.length;
    let ended = moveEnds();
    await http().post('/focuser/move').send({ direction: 'out', steps: 1, speed: 'fast' }).expect(200);
    await ended;
    const coilWrites = sim().writes.slice(before).filter((w) => [20, 21, 26, 19].includes(w.pin));
    // setOutput off x4, then 4 phases x 4 coils, then off x4
    const phases = [0, 1, 2, 3].map((p) => coilWrites.slice(4 + p * 4, 8 + p * 4).map((w) => w.level));
    expect(phases).toEqual([
      [1, 1, 0, 0],
      [0, 1, 1, 0],
      [0, 0, 1, 1],
      [1, 0, 0, 1],
    ]);
    sim().setAvailable(false);
    try {
      ended = moveEnds();
      await http().post('/focuser/move').send({ direction: 'out', steps: 3 }).expect(200);
      expect((await ended).payload).toMatchObject({ state: 'failed', done: 0, error: 'simulated GPIO backend switched off' });
    } finally {
      sim().setAvailable(true);
    }
    expect((await http().get('/focuser/status').expect(200)).body).toMatchObject({ position: 101, move: { state: 'failed', error: 'simulated GPIO backend switched off' } });
  });

  it('the websocket refuses remote callers without credentials and accepts ?token= and ?api_key= with the read permission', async () => {
    const anonymous = await openSocket(base, REMOTE);
    expect((await anonymous.closed).code).toBe(4401);
    const uploader = await createUser(t.app, 'ws-uploader', { roles: ['uploader'] });
    const noRead = await openSocket(`${base}?token=${uploader.token}`, REMOTE);
    expect((await noRead.closed).code).toBe(4403);
    const viewer = await createUser(t.app, 'ws-viewer', { roles: ['viewer'] });
    const withToken = await openSocket(`${base}?token=${viewer.token}`, REMOTE);
    expect((await withToken.waitFor((m) => m.name === 'subscribed')).payload).toEqual({ events: ['gpio.*', 'allsky.*', 'focuser.*', 'sync.*'] });
    const { key } = await viewer.key();
    const withKey = await openSocket(`${base}?api_key=${key}`, REMOTE);
    await withKey.waitFor((m) => m.name === 'subscribed');
    await http().post('/allsky/start').expect(200);
    expect((await withKey.waitFor((m) => m.name === 'allsky.service-changed')).payload).toEqual({ unit: 'allsky', action: 'start', state: 'active' });
    withToken.socket.close();
    withKey.socket.close();
  });

  it('the websocket applies the HTTP rules: a deactivated user\'s token is refused on connect', async () => {
    const leaver = await createUser(t.app, 'ws-leaver', { roles: ['viewer'] });
    await t.app.get(UserService).update(leaver.id, { isActive: false });
    const refused = await openSocket(`${base}?token=${leaver.token}`, REMOTE);
    expect(await refused.closed).toEqual({ code: 4401, reason: 'token is no longer valid; log in again' });
  });

  it('focuser pins are reserved: /gpio refuses them, and settings refuse pins claimed on /gpio', async () => {
    expect((await http().post('/gpio/digital').send({ pin: 20, state: 'on' }).expect(409)).body).toEqual({ error: 'GPIO pin 20 is in use by the focuser' });
    expect((await http().get('/gpio/digital/19').expect(409)).body).toEqual({ error: 'GPIO pin 19 is in use by the focuser' });
    await http().post('/gpio/digital').send({ pin: 7, state: 'off', name: 'dome light' }).expect(200);
    const clash = await http().post('/focuser/settings').send({ ...ULN2003, pins: { in1: 7, in2: 21, in3: 26, in4: 19 } }).expect(409);
    expect(clash.body).toEqual({ ok: false, error: 'GPIO pin 7 is in use on /gpio as "dome light"' });
  });

  it('focuser routes need focuser:read / focuser:update', async () => {
    const viewer = await createUser(t.app, 'focus-viewer', { roles: ['viewer'] });
    const auth = { ...REMOTE, Authorization: `Bearer ${viewer.token}` };
    await http().get('/focuser/status').set(auth).expect(200);
    await http().get('/focuser/settings').set(auth).expect(200);
    expect((await http().post('/focuser/move').set(auth).send({ direction: 'in', steps: 1 }).expect(403)).body.error).toBe('Access denied for update on focuser');
  });

  it('the position and settings survive a restart', async () => {
    await t.stop();
    restarted = await startTestApp({ reuse: t.reuse, configure: SIMULATED });
    const again = request(restarted.app.getHttpServer());
    expect((await again.get('/focuser/status').expect(200)).body).toMatchObject({ position: 101, moving: false, type: 'uln2003', move: null });
    expect((await again.get('/focuser/settings').expect(200)).body.settings).toEqual(ULN2003);
    expect((await again.post('/focuser/move').send({ direction: 'out', steps: 900 }).expect(400)).body.error).toContain('outside the focuser limits 0..1000 (position 101)');
  });
});
