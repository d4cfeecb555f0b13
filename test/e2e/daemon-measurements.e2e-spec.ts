import { ManualClock } from '@app/core';
import { EquipmentRegistry } from '@app/equipment';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { mycodo } from './daemon-client';

type Point = { time: number; value: number };

describe('Mycodo API: inputs and measurements', () => {
  const clock = new ManualClock('2026-11-29T21:00:00Z');
  let t: TestApp;
  let api: ReturnType<typeof mycodo>;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    api = mycodo(t.app);
  });
  afterAll(() => t?.close());

  const createInput = async (body: object) => {
    const res = await api.post('/api/inputs/', body);
    expect(res.status).toBe(201);
    return (res.body as { 'input settings': { unique_id: string } })['input settings'].unique_id;
  };
  const now = () => clock.nowMs() / 1000;

  describe('measurement routes', () => {
    const device = '0b7d3a52-6d3c-4b8e-9a8e-2d9a4c1f0e11';

    it('creates measurements now or at a Mycodo timestamp, and reads the last, past and historical ones', async () => {
      await api.post(`/api/measurements/create/${device}/C/0/12.5`).expect(200, { message: 'Success' });
      await api.post(`/api/measurements/create/${device}/C/0/10`, { timestamp: '2026-11-29T20:30:00.000Z' }).expect(200);
      expect((await api.get(`/api/measurements/last/${device}/C/0/60`)).body).toEqual({ time: now(), value: 12.5 });
      expect((await api.get(`/api/measurements/last/${device}/C/1/60`)).body).toEqual({ time: null, value: null });
      expect((await api.get(`/api/measurements/past/${device}/C/0/3600`)).body).toEqual({
        measurements: [
          { time: now() - 1800, value: 10 },
          { time: now(), value: 12.5 },
        ],
      });
      const historical = await api.get(`/api/measurements/historical/${device}/C/0/${now() - 1900}/${now() - 1000}`);
      expect(historical.body).toEqual({ measurements: [{ time: now() - 1800, value: 10 }] });
      expect(((await api.get(`/api/measurements/historical/${device}/C/0/0/0`)).body as { measurements: Point[] }).measurements).toHaveLength(2);
    });

    it('validates as Mycodo does: unit by id, channel ≥ 0, numbers, timestamp format', async () => {
      const cases: [string, string, object?][] = [
        [`/api/measurements/create/${device}/Celsius/0/1`, 'Unit ID not found'],
        [`/api/measurements/create/${device}/C/-1/1`, 'channel must be >= 0'],
        [`/api/measurements/create/${device}/C/x/1`, 'channel must be an integer'],
        [`/api/measurements/create/${device}/C/0/abc`, 'value must be a number'],
        [`/api/measurements/create/${device}/C/0/1`, 'timestamp must be in the format %Y-%m-%dT%H:%M:%S.%fZ, e.g. 2019-04-15T18:07:00.392Z', { timestamp: '2026-11-29 20:00' }],
      ];
      for (const [path, message, body] of cases) {
        const res = await api.post(path, body);
        expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 422, body: { message } });
      }
      expect((await api.get(`/api/measurements/last/${device}/C/0/0`)).status).toBe(422);
      expect((await api.get(`/api/measurements/past/${device}/percent/0/abc`)).status).toBe(422);
    });

    it('averages a range holding more points than asked for into equal time buckets on the server', async () => {
      const series = 'c0ffee00-0000-4000-8000-000000000001';
      const start = now() - 1000;
      for (let n = 0; n < 100; n++) {
        await api.post(`/api/measurements/create/${series}/percent/2/${n}`, { timestamp: new Date((start + n * 10) * 1000).toISOString() }).expect(200);
      }
      const all = ((await api.get(`/api/measurements/historical/${series}/percent/2/${start}/0`)).body as { measurements: Point[] }).measurements;
      expect(all).toHaveLength(100);
      const down = ((await api.get(`/api/measurements/historical/${series}/percent/2/${start}/0?limit=10`)).body as { measurements: Point[] }).measurements;
      expect(down).toHaveLength(10);
      expect(down[0].value).toBeCloseTo(4.5, 6);
      expect(down[9].value).toBeCloseTo(94.5, 6);
      expect(down.map((p) => p.time)).toEqual(down.map((p) => p.time).sort((a, b) => a - b));
      expect(((await api.get(`/api/measurements/past/${series}/percent/2/2000?limit=4`)).body as { measurements: Point[] }).measurements).toHaveLength(4);
      expect((await api.get(`/api/measurements/past/${series}/percent/2/2000?limit=0`)).status).toBe(422);
    });

    it('reads the last value of several channels at once (measurements/multi)', async () => {
      const res = await api.post('/api/measurements/multi', {
        channels: [
          { unique_id: device, unit: 'C', channel: 0 },
          { unique_id: device, unit: 'C', channel: 9, measure: 'temperature' },
        ],
        past_seconds: 60,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        measurements: [
          { unique_id: device, unit: 'C', channel: 0, measure: null, time: now(), value: 12.5 },
          { unique_id: device, unit: 'C', channel: 9, measure: 'temperature', time: null, value: null },
        ],
      });
      expect((await api.post('/api/measurements/multi', { channels: [{ unique_id: device, unit: 'nope', channel: 0 }] })).status).toBe(422);
      expect((await api.post('/api/measurements/multi', { channels: [] })).status).toBe(422);
    });
  });

  describe('inputs', () => {
    it('measures a simulated input every period on the clock and on force-measurement', async () => {
      const id = await createInput({
        name: 'Dome sensor',
        device: 'simulated',
        period: 60,
        is_activated: true,
        channels: [
          { channel: 0, measurement: 'temperature', unit: 'C', options: { base: 8, amplitude: 0 } },
          { channel: 1, measurement: 'humidity', unit: 'percent', options: { base: 71, amplitude: 0 } },
        ],
      });
      expect((await api.get(`/api/controllers/${id}`)).body).toEqual({ is_active: true });
      await api.tick();
      clock.advance(30_000);
      await api.tick();
      clock.advance(30_000);
      await api.tick();
      const past = ((await api.get(`/api/measurements/past/${id}/C/0/3600`)).body as { measurements: Point[] }).measurements;
      expect(past).toEqual([
        { time: now() - 60, value: 8 },
        { time: now(), value: 8 },
      ]);
      clock.advance(1000);
      await api.post(`/api/inputs/${id}/force-measurement`).expect(200);
      expect((await api.get(`/api/measurements/last/${id}/percent/1/5`)).body).toEqual({ time: now(), value: 71 });
      const detail = (await api.get(`/api/inputs/${id}`)).body as Record<string, { unit?: string }[]>;
      expect(Object.keys(detail).sort()).toEqual(['device measurements', 'input channels', 'input settings']);
      expect(detail['device measurements'].map((m) => m.unit)).toEqual(['C', 'percent']);
    });

    it('runs a Linux command input as a real child process, one number per line', async () => {
      const id = await createInput({
        name: 'CPU',
        device: 'command',
        cmd_command: 'printf "21.5\\n3\\n"',
        channels: [
          { channel: 0, measurement: 'temperature', unit: 'C' },
          { channel: 1, measurement: 'unitless', unit: 'none' },
        ],
      });
      const inactive = await api.post(`/api/inputs/${id}/force-measurement`);
      expect(inactive.status).toBe(409);
      await api.post(`/api/controllers/${id}`, { activate: true }).expect(200);
      expect((await api.post(`/api/controllers/${id}`, { activate: true })).status).toBe(409);
      await api.post(`/api/inputs/${id}/force-measurement`).expect(200);
      expect((await api.get(`/api/measurements/last/${id}/C/0/5`)).body).toEqual({ time: now(), value: 21.5 });
      expect((await api.get(`/api/measurements/last/${id}/none/1/5`)).body).toEqual({ time: now(), value: 3 });
      await api.patch(`/api/inputs/${id}`, { cmd_command: 'echo nonsense' }).expect(200);
      const failed = await api.post(`/api/inputs/${id}/force-measurement`);
      expect(failed.status).toBe(502);
      expect(failed.body).toEqual({ message: `Fail: input ${id}: the command printed no number for channel 0` });
      await api.post(`/api/controllers/${id}`, { activate: false }).expect(200);
      expect((await api.get(`/api/controllers/${id}`)).body).toEqual({ is_active: false });
    });

    it('turns the Equipment weather device\'s readings into measurements', async () => {
      await t.app.get(EquipmentRegistry).connect('weather');
      const id = await createInput({ name: 'Weather station', device: 'equipment_weather', period: 30, is_activated: true });
      await api.post(`/api/inputs/${id}/force-measurement`).expect(200);
      const channels = ((await api.get(`/api/settings/device_measurements/by_device_id/${id}`)).body as { 'device measurement settings': { channel: number; measurement: string; unit: string }[] })[
        'device measurement settings'
      ];
      const humidity = channels.find((c) => c.measurement === 'humidity')!;
      expect((await api.get(`/api/measurements/last/${id}/percent/${humidity.channel}/5`)).body).toEqual({ time: now(), value: 62 });
      const temperature = channels.find((c) => c.measurement === 'temperature')!;
      expect((await api.get(`/api/measurements/last/${id}/C/${temperature.channel}/5`)).body).toEqual({ time: now(), value: 9.4 });
    });

    it('keeps measurements for the input\'s retention only', async () => {
      const id = await createInput({ name: 'Short memory', device: 'simulated', period: 10, retention_days: 1, channels: [{ channel: 0, measurement: 'temperature', unit: 'C', options: { base: 1 } }] });
      await api.post(`/api/measurements/create/${id}/C/0/5`, { timestamp: new Date(clock.nowMs() - 2 * 86_400_000).toISOString() }).expect(200);
      await api.post(`/api/measurements/create/${id}/C/0/6`, { timestamp: new Date(clock.nowMs() - 3_600_000).toISOString() }).expect(200);
      await api.post(`/api/controllers/${id}`, { activate: true }).expect(200);
      await api.tick();
      const kept = ((await api.get(`/api/measurements/historical/${id}/C/0/0/0`)).body as { measurements: Point[] }).measurements.map((p) => p.value);
      expect(kept).toEqual([6, 1]);
    });

    it('logs a crashing controller and runs it again next period, while the others go on', async () => {
      const broken = await createInput({ name: 'Broken', device: 'command', period: 10, cmd_command: 'exit 7', is_activated: true });
      const healthy = await createInput({ name: 'Healthy', device: 'simulated', period: 10, is_activated: true, channels: [{ channel: 0, measurement: 'temperature', unit: 'C', options: { base: 5 } }] });
      // A due controller runs once, whether the 50 ms loop or this tick gets there first.
      await api.tick();
      for (let n = 0; n < 2; n++) {
        clock.advance(10_000);
        await api.tick();
      }
      expect(((await api.get(`/api/measurements/past/${healthy}/C/0/60`)).body as { measurements: Point[] }).measurements).toHaveLength(3);
      expect((await api.get(`/api/controllers/${broken}`)).body).toEqual({ is_active: true });
      const log = (await api.get('/api/log/tail/daemon/50')).body as { lines: string[] };
      expect(log.lines.filter((l) => l.includes('input "Broken" failed'))).toHaveLength(3);
      expect(log.lines.at(-1)).toMatch(/ERROR - input "Broken" failed \(3 in a row\), retried next period: command failed \(7\)/);
      expect((await api.get('/api/log/tail/http_access/10')).status).toBe(404);
    });

    it("serves Mycodo's web route /last as [epoch ms, value], 204 without data", async () => {
      const id = await createInput({ name: 'Web', device: 'simulated', channels: [{ channel: 0, measurement: 'temperature', unit: 'C', options: { base: 3 } }] });
      const dm = ((await api.get(`/api/inputs/${id}`)).body as { 'device measurements': { unique_id: string }[] })['device measurements'][0].unique_id;
      expect((await api.get(`/last/${id}/input/${dm}/60`)).status).toBe(204);
      await api.post(`/api/measurements/create/${id}/C/0/3.25`).expect(200);
      const res = await api.get(`/last/${id}/input/${dm}/60`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/vnd\.mycodo\.v1\+json/);
      expect(res.body).toEqual([clock.nowMs(), 3.25]);
      expect((await api.get(`/last/${id}/input/00000000-0000-4000-8000-000000000000/60`)).status).toBe(404);
    });
  });
});
