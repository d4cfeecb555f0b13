import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subscription } from 'rxjs';
import { EventBus, ManualClock } from '@app/core';
import { ThermalPlant } from '../../libs/daemon/test/thermal-plant';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { mycodo } from './daemon-client';

type Created = { 'input settings': { unique_id: string }; 'device measurements': { unique_id: string }[] };

describe('Mycodo API: the PID on a simulated dew heater, DS18B20 and BME280 inputs', () => {
  const clock = new ManualClock('2026-11-29T20:00:00Z');
  let t: TestApp;
  let api: ReturnType<typeof mycodo>;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, configure: { hardware: { gpioDriver: 'simulated' } } });
    api = mycodo(t.app);
    dir = await mkdtemp(join(tmpdir(), 'daemon-devices-'));
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const createInput = async (body: object) => {
    const res = await api.post('/api/inputs/', body);
    expect(res.status).toBe(201);
    return res.body as Created;
  };
  const last = async (id: string, unit: string, channel: number) => (await api.get(`/api/measurements/last/${id}/${unit}/${channel}/300`)).body as { time: number | null; value: number | null };

  it('holds a lens within ±0.3 °C of the setpoint through the daemon runtime, with no windup after a one-hour pause', async () => {
    // A 12 W dew heater on a lens cell (τ = 600 s, +16 °C over the 5 °C air at full power, sensor lag 90 s).
    const plant = new ThermalPlant({ heatCapacityJPerK: 450, lossWPerK: 0.75, heaterWatts: 12, ambientC: 5, sensorTimeConstantSeconds: 90 });
    const sensor = await createInput({ name: 'Lens sensor', device: 'simulated', channels: [{ channel: 0, measurement: 'temperature', unit: 'C' }] });
    const sensorId = sensor['input settings'].unique_id;
    const heater = await api.post('/api/outputs/', { name: 'Dew heater', output_type: 'pwm', channels: [{ channel: 0, options: { pin: 18, pwm_hertz: 1000 } }] });
    const heaterId = (heater.body as { 'output device': { unique_id: string } })['output device'].unique_id;
    const pid = await api.post('/api/pids/', {
      name: 'Lens PID',
      measurement: `${sensorId},${sensor['device measurements'][0].unique_id}`,
      setpoint: 10,
      p: 10,
      i: 0.5,
      d: 20,
      period: 30,
      max_measure_age: 60,
      raise_output_id: `${heaterId},0`,
    });
    expect(pid.status).toBe(201);
    const pidId = (pid.body as { 'pid settings': { unique_id: string } })['pid settings'].unique_id;

    let duty = 0;
    const watch: Subscription = t.app
      .get(EventBus)
      .on('daemon.output-changed')
      .subscribe(({ payload }) => {
        if (payload.output_id === heaterId) duty = typeof payload.state === 'number' ? payload.state : payload.state === 'on' ? 100 : 0;
      });
    const start = clock.nowMs();
    const samples: { seconds: number; lens: number; duty: number; integrator: number | null }[] = [];
    try {
      await api.post(`/api/measurements/create/${sensorId}/C/0/${plant.sensorC}`).expect(200);
      await api.post(`/api/controllers/${pidId}`, { activate: true }).expect(200);
      for (let seconds = 0; seconds < 10_800; seconds += 30) {
        if (seconds === 2400) await api.post(`/api/pids/${pidId}/pause`).expect(200);
        if (seconds === 6000) await api.post(`/api/pids/${pidId}/resume`).expect(200);
        await api.tick();
        const state = (await api.get(`/api/pids/${pidId}/state`)).body as { integrator: number | null };
        samples.push({ seconds, lens: plant.temperatureC, duty, integrator: state.integrator });
        for (let s = 0; s < 30; s++) plant.advance(1, duty / 100);
        // The reading of the next period is stored before the clock gets there, so the daemon's own loop sees it too.
        const at = new Date(start + (seconds + 30) * 1000).toISOString();
        await api.post(`/api/measurements/create/${sensorId}/C/0/${plant.sensorC}`, { timestamp: at }).expect(200);
        clock.advance(30_000);
      }
    } finally {
      watch.unsubscribe();
    }
    const between = (from: number, to: number) => samples.filter((s) => s.seconds >= from && s.seconds < to);
    const deviation = (list: typeof samples) => Math.max(...list.map((s) => Math.abs(s.lens - 10)));
    expect(deviation(between(1200, 2400))).toBeLessThan(0.3);
    const paused = between(2430, 6000);
    expect(paused.every((s) => s.duty === 0)).toBe(true);
    expect(paused.at(-1)!.lens).toBeLessThan(5.5); // the heater was really off: the lens cooled to the air
    expect(new Set(paused.map((s) => s.integrator)).size).toBe(1); // nothing integrated while paused
    expect(Math.max(...between(6000, 10_800).map((s) => s.lens))).toBeLessThan(10.5); // no windup overshoot
    expect(deviation(between(7800, 10_800))).toBeLessThan(0.3);
    const setpoint = await last(pidId, 'C', 0);
    expect(setpoint.value).toBe(10);
    expect((await last(pidId, 'none', 4)).value).toEqual(expect.any(Number));
    await api.post(`/api/controllers/${pidId}`, { activate: false }).expect(200);
  }, 240_000);

  it('tracks a setpoint from another measurement (the air temperature + 3 °C)', async () => {
    const air = await createInput({ name: 'Air', device: 'simulated', channels: [{ channel: 0, measurement: 'temperature', unit: 'C' }] });
    const lens = await createInput({ name: 'Lens 2', device: 'simulated', channels: [{ channel: 0, measurement: 'temperature', unit: 'C' }] });
    const [airId, lensId] = [air['input settings'].unique_id, lens['input settings'].unique_id];
    const out = await api.post('/api/outputs/', { name: 'Heater 2', output_type: 'pwm', channels: [{ channel: 0, options: { pin: 19 } }] });
    const outId = (out.body as { 'output device': { unique_id: string } })['output device'].unique_id;
    const pid = await api.post('/api/pids/', {
      name: 'Tracking PID',
      measurement: `${lensId},${lens['device measurements'][0].unique_id}`,
      setpoint: 30,
      p: 10,
      raise_output_id: `${outId},0`,
      setpoint_tracking_type: 'measurement',
      setpoint_tracking_id: `${airId},${air['device measurements'][0].unique_id}`,
      setpoint_tracking_offset: 3,
    });
    expect(pid.status).toBe(201);
    const pidId = (pid.body as { 'pid settings': { unique_id: string } })['pid settings'].unique_id;
    await api.post(`/api/measurements/create/${airId}/C/0/4.5`).expect(200);
    await api.post(`/api/measurements/create/${lensId}/C/0/6`).expect(200);
    await api.post(`/api/controllers/${pidId}`, { activate: true }).expect(200);
    await api.tick();
    expect((await api.get(`/api/pids/${pidId}/state`)).body).toMatchObject({ setpoint: 7.5, error: 1.5 });
    expect((await last(pidId, 'C', 0)).value).toBe(7.5);
    await api.post(`/api/controllers/${pidId}`, { activate: false }).expect(200);
  });

  it('reads DS18B20 thermometers from a 1-wire sysfs tree, dropping a channel whose CRC failed', async () => {
    const good = '72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n';
    const badCrc = '72 01 4b 46 7f ff 0e 10 57 : crc=5e NO\n72 01 4b 46 7f ff 0e 10 57 t=23125\n';
    for (const [id, text] of [['28-00000588806a', good], ['28-0000058880ff', badCrc]]) {
      await mkdir(join(dir, id), { recursive: true });
      await writeFile(join(dir, id, 'w1_slave'), text);
    }
    const input = await createInput({
      name: 'Mirror DS18B20s',
      device: 'ds18b20',
      custom_options: { w1_root: dir },
      channels: [
        { channel: 0, measurement: 'temperature', unit: 'C', options: { sensor_id: '00000588806a' } },
        { channel: 1, measurement: 'temperature', unit: 'C', options: { sensor_id: '28-0000058880ff' } },
      ],
    });
    const id = input['input settings'].unique_id;
    await api.post(`/api/controllers/${id}`, { activate: true }).expect(200);
    await api.post(`/api/inputs/${id}/force-measurement`).expect(200);
    expect((await last(id, 'C', 0)).value).toBe(23.125);
    expect(await last(id, 'C', 1)).toEqual({ time: null, value: null });
    await writeFile(join(dir, '28-0000058880ff', 'w1_slave'), good.replace('t=23125', 't=-1062'));
    await api.post(`/api/inputs/${id}/force-measurement`).expect(200);
    expect((await last(id, 'C', 1)).value).toBe(-1.062);
    await writeFile(join(dir, '28-00000588806a', 'w1_slave'), badCrc);
    await writeFile(join(dir, '28-0000058880ff', 'w1_slave'), badCrc);
    const failed = await api.post(`/api/inputs/${id}/force-measurement`);
    expect(failed.status).toBe(502);
    expect((failed.body as { message: string }).message).toMatch(/CRC check failed/);
    await api.post(`/api/controllers/${id}`, { activate: false }).expect(200);
  });

  it('reads a BME280 on the simulated I2C bus (Mycodo’s five channels) and refuses a bus that does not exist', async () => {
    const input = await createInput({ name: 'Dome BME280', device: 'bme280', custom_options: { i2c_bus: 'simulated', i2c_address: '0x77' } });
    const id = input['input settings'].unique_id;
    expect(input['device measurements'].map((m) => m.unique_id)).toHaveLength(5);
    await api.post(`/api/controllers/${id}`, { activate: true }).expect(200);
    await api.post(`/api/inputs/${id}/force-measurement`).expect(200);
    expect((await last(id, 'C', 0)).value).toBeCloseTo(25.08, 2); // the datasheet's worked example
    expect((await last(id, 'Pa', 2)).value).toBeCloseTo(100653.27, 0);
    const humidity = (await last(id, 'percent', 1)).value!;
    expect(humidity).toBeGreaterThan(0);
    expect(humidity).toBeLessThan(100);
    expect((await last(id, 'C', 3)).value).toBeLessThan(25.08); // the dew point is below the air temperature
    await api.post(`/api/controllers/${id}`, { activate: false }).expect(200);

    const missing = await createInput({ name: 'No bus', device: 'bme280', custom_options: { i2c_bus: 97 } });
    const refused = await api.post(`/api/controllers/${missing['input settings'].unique_id}`, { activate: true });
    expect(refused.status).toBe(502);
    expect((refused.body as { message: string }).message).toMatch(/i2c/i);
    expect((await api.get(`/api/inputs/${missing['input settings'].unique_id}`)).body).toMatchObject({ 'input settings': { is_activated: false } });
  });
});
