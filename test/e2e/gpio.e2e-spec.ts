import request from 'supertest';
import { DataSource } from 'typeorm';
import { EventBus, type BusEvent } from '@app/core';
import { GPIO_DRIVER, SimulatedGpioDriver } from '@app/gpio';
import { createUser, REMOTE } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

type Started = Awaited<ReturnType<typeof startTestApp>>;

describe('GPIO routes of the Allsky Server (simulated driver)', () => {
  let t: Started;
  let restarted: TestApp | undefined;
  const http = () => request(t.app.getHttpServer());
  const sim = () => t.app.get<SimulatedGpioDriver>(GPIO_DRIVER);

  beforeAll(async () => {
    t = await startTestApp({ persistent: true, configure: { hardware: { gpioDriver: 'simulated' } } });
  });
  afterAll(async () => {
    await restarted?.stop();
    await t.close();
  });

  it('GET /gpio/count gives the line count and driver; /gpio/all lists every line as D<n>, unused', async () => {
    expect((await http().get('/gpio/count').expect(200)).body).toEqual({ count: 28, driver: 'simulated' });
    const all = (await http().get('/gpio/all').expect(200)).body;
    expect(Object.keys(all)).toHaveLength(28);
    expect(Object.keys(all)[0]).toBe('D0');
    expect(all.D27).toEqual({ mode: 'unused' });
  });

  it('shows the ghost panel when no pin is in use', async () => {
    const res = await http().get('/gpio/status/html').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('No active GPIO pins.');
    expect((await http().get('/gpio/status').expect(200)).body).toEqual({ digital: {}, pwm: {} });
  });

  it('POST /gpio/digital drives an output, stores its name, and the read returns level and name', async () => {
    expect((await http().post('/gpio/digital').send({ pin: '18', state: 'ON', name: 'dew heater' }).expect(200)).body).toEqual({ pin: '18', state: 'on' });
    expect(sim().state(18)).toEqual({ mode: 'output', level: 1, pwm: undefined });
    expect((await http().get('/gpio/digital/18').expect(200)).body).toEqual({ pin: '18', value: 'on', name: 'dew heater' });
    // Anything but "on" is off; a later write without a name keeps the name.
    expect((await http().post('/gpio/digital').send({ pin: 18, state: 'yes' }).expect(200)).body).toEqual({ pin: '18', state: 'off' });
    expect((await http().get('/gpio/digital/D18').expect(200)).body).toEqual({ pin: '18', value: 'off', name: 'dew heater' });
  });

  it('a read claims an unused pin as input and follows injected edges', async () => {
    expect((await http().get('/gpio/digital/5').expect(200)).body).toEqual({ pin: '5', value: 'off', name: '' });
    expect(sim().state(5).mode).toBe('input');
    sim().injectEdge(5, 1);
    expect((await http().get('/gpio/digital/5').expect(200)).body.value).toBe('on');
    expect((await http().get('/gpio/all').expect(200)).body.D5).toEqual({ mode: 'digital-input', value: 'on' });
  });

  it('publishes gpio.pin-changed for writes and for input edges', async () => {
    const seen: BusEvent[] = [];
    const sub = t.app.get(EventBus).on('gpio.pin-changed').subscribe((e) => seen.push(e));
    await http().post('/gpio/digital').send({ pin: 6, state: 'on' }).expect(200);
    sim().injectEdge(5, 0);
    sub.unsubscribe();
    expect(seen.map((e) => e.payload)).toEqual([
      { pin: 6, name: '', mode: 'digital-output', value: 'on', source: 'request' },
      { pin: 5, name: '', mode: 'digital-input', value: 'off', source: 'edge' },
    ]);
  });

  it('POST /gpio/pwm sets frequency and duty and answers duty_percent; defaults 1000 Hz, duty 0', async () => {
    expect((await http().post('/gpio/pwm').send({ pin: '12', frequency: 2000, duty: 32768, name: 'fan' }).expect(200)).body).toEqual({
      pin: '12',
      frequency: 2000,
      duty: 32768,
      duty_percent: 50,
    });
    expect(sim().state(12)).toEqual({ mode: 'pwm', level: 0, pwm: { frequency: 2000, duty: 32768 } });
    expect((await http().post('/gpio/pwm').send({ pin: 13 }).expect(200)).body).toEqual({ pin: '13', frequency: 1000, duty: 0, duty_percent: 0 });
    expect((await http().post('/gpio/pwm').send({ pin: 13, frequency: '50', duty: '65535' }).expect(200)).body.duty_percent).toBe(100);
  });

  it('a digital read of a PWM pin is 409; a digital write takes it over', async () => {
    expect((await http().get('/gpio/digital/12').expect(409)).body).toEqual({ error: 'GPIO pin 12 is currently configured for PWM' });
    await http().post('/gpio/digital').send({ pin: 13, state: 'on' }).expect(200);
    expect(sim().state(13)).toMatchObject({ mode: 'output', level: 1 });
  });

  it('GET /gpio/status lists digital levels and PWM settings by bare number; the HTML shows names', async () => {
    const status = (await http().get('/gpio/status').expect(200)).body;
    expect(status).toEqual({ digital: { '5': 'off', '6': 'on', '13': 'on', '18': 'off' }, pwm: { '12': { frequency: 2000, duty: 32768 } } });
    expect((await http().get('/gpio/status/json').expect(200)).body).toEqual(status);
    const html = (await http().get('/gpio/status/html').expect(200)).text;
    expect(html).toContain('<strong>Duty Cycle</strong>');
    expect(html).toContain('D18 (dew heater)');
    expect(html).toContain('D12 (fan)');
    expect(html).toContain('50%');
    expect(html).toContain('2000 Hz');
  });

  it.each([
    ['/gpio/digital/28', 'Invalid GPIO pin 28'],
    ['/gpio/digital/-1', 'Invalid GPIO pin -1'],
    ['/gpio/digital/abc', 'Invalid GPIO pin abc'],
    ['/gpio/digital/X18', 'Invalid GPIO pin X18'],
  ])('GET %s is 400 %s', async (path, error) => {
    expect((await http().get(path).expect(400)).body).toEqual({ error });
  });

  it.each([
    ['/gpio/digital', { state: 'on' }, 'Invalid GPIO pin None'],
    ['/gpio/digital', { pin: 99, state: 'on' }, 'Invalid GPIO pin 99'],
    ['/gpio/pwm', { pin: 12, frequency: 0 }, 'Frequency must be greater than 0'],
    ['/gpio/pwm', { pin: 12, frequency: -5 }, 'Frequency must be greater than 0'],
    ['/gpio/pwm', { pin: 12, duty: 65536 }, 'Duty must be between 0 and 65535'],
    ['/gpio/pwm', { pin: 12, duty: -1 }, 'Duty must be between 0 and 65535'],
    ['/gpio/pwm', { pin: 12, frequency: 'fast' }, "invalid literal for int() with base 10: 'fast'"],
  ])('POST %s %j is 400 %s', async (path, body, error) => {
    expect((await http().post(path).send(body).expect(400)).body).toEqual({ error });
  });

  it('answers 503 "GPIO backend unavailable" when the backend fails', async () => {
    sim().setAvailable(false);
    try {
      const res = await http().get('/gpio/digital/18').expect(503);
      expect(res.body).toEqual({ error: 'GPIO backend unavailable', type: 'GpioUnavailableError', message: 'simulated GPIO backend switched off' });
      await http().post('/gpio/pwm').send({ pin: 12, duty: 5 }).expect(503);
      await http().get('/gpio/status').expect(503);
    } finally {
      sim().setAvailable(true);
    }
  });

  it('remote callers need gpio:read to read and gpio:update to write, with Allsky texts', async () => {
    expect((await http().get('/gpio/status').set(REMOTE).expect(401)).body.error).toBe('Authentication required');
    const viewer = await createUser(t.app, 'gpio-viewer', { roles: ['viewer'] });
    const auth = { ...REMOTE, Authorization: `Bearer ${viewer.token}` };
    await http().get('/gpio/status').set(auth).expect(200);
    await http().get('/gpio/digital/18').set(auth).expect(200);
    const denied = await http().post('/gpio/digital').set(auth).send({ pin: 18, state: 'on' }).expect(403);
    expect(denied.body.error).toBe('Access denied for update on gpio');
    const operator = await createUser(t.app, 'gpio-operator', { roles: ['operator'] });
    await http().post('/gpio/digital').set({ ...REMOTE, Authorization: `Bearer ${operator.token}` }).send({ pin: 19, state: 'off' }).expect(200);
  });

  it('persists claims and names; after a restart outputs start in the safe state (off) and names remain', async () => {
    await http().post('/gpio/digital').send({ pin: 18, state: 'on', name: 'dew heater' }).expect(200);
    const rows = await t.app.get(DataSource).query('SELECT pin, mode, level, name FROM gpio_pins WHERE pin IN (12, 18) ORDER BY pin');
    expect(rows).toEqual([
      { pin: 12, mode: 'pwm', level: 0, name: 'fan' },
      { pin: 18, mode: 'digital-output', level: 1, name: 'dew heater' },
    ]);
    await t.stop();
    restarted = await startTestApp({ reuse: t.reuse, configure: { hardware: { gpioDriver: 'simulated' } } });
    const again = request(restarted.app.getHttpServer());
    const driver = restarted.app.get<SimulatedGpioDriver>(GPIO_DRIVER);
    expect(driver.state(18)).toEqual({ mode: 'output', level: 0, pwm: undefined });
    expect(driver.state(12)).toEqual({ mode: 'pwm', level: 0, pwm: { frequency: 2000, duty: 0 } });
    expect(driver.state(5).mode).toBe('input');
    expect((await again.get('/gpio/digital/18').expect(200)).body).toEqual({ pin: '18', value: 'off', name: 'dew heater' });
    expect((await again.get('/gpio/status').expect(200)).body.pwm).toEqual({ '12': { frequency: 2000, duty: 0 } });
    expect((await again.get('/gpio/status/html').expect(200)).text).toContain('D12 (fan)');
  });

  it('GPIO_SAFE_STATE=restore brings outputs back at their last level', async () => {
    const again = request(restarted!.app.getHttpServer());
    await again.post('/gpio/digital').send({ pin: 18, state: 'on' }).expect(200);
    await again.post('/gpio/pwm').send({ pin: 12, frequency: 500, duty: 1000 }).expect(200);
    await restarted!.stop();
    restarted = await startTestApp({ reuse: t.reuse, configure: { hardware: { gpioDriver: 'simulated', gpioSafeState: 'restore' } } });
    const driver = restarted.app.get<SimulatedGpioDriver>(GPIO_DRIVER);
    expect(driver.state(18)).toMatchObject({ mode: 'output', level: 1 });
    expect(driver.state(12).pwm).toEqual({ frequency: 500, duty: 1000 });
  });
});

