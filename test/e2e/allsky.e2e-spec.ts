import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { EventBus, type BusEvent } from '@app/core';
import { installFakeSystemctl, type FakeSystemctl } from '../../libs/allsky/test/fake-systemctl';
import { createUser, REMOTE } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('Allsky service control, status and dashboard (systemd through a fake systemctl)', () => {
  let t: TestApp;
  let fake: FakeSystemctl;
  let home: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    fake = await installFakeSystemctl();
    home = await mkdtemp(join(tmpdir(), 'allsky-home-'));
    await mkdir(join(home, 'config'));
    t = await startTestApp({ configure: { hardware: { gpioDriver: 'simulated', serviceManager: 'systemd', serviceUnit: 'allsky', allskyHome: home } } });
  });
  afterAll(async () => {
    await t.close();
    await fake.remove();
    await rm(home, { recursive: true, force: true });
  });

  it('GET /allsky/status without status.json derives the status from the service state', async () => {
    const res = await http().get('/allsky/status').expect(200);
    expect(res.body).toMatchObject({ allsky: {}, modules: {}, debug: {}, service: { unit: 'allsky', manager: 'systemd', state: 'inactive' } });
    expect(res.body.status_html).toContain('alert-danger');
    expect(res.body.status_html).toContain('Not Running');
  });

  it('GET /allsky/status returns status.json and paints Running green', async () => {
    await writeFile(join(home, 'config', 'status.json'), JSON.stringify({ status: 'Running', timestamp: '2026-11-22 03:14:15' }));
    const res = await http().get('/allsky/status').expect(200);
    expect(res.body.allsky).toEqual({ status: 'Running', timestamp: '2026-11-22 03:14:15' });
    expect(res.body.status_html).toContain('alert-success');
    expect(res.body.status_html).toMatch(/asf-allsky-start" disabled/);
    await rm(join(home, 'config', 'status.json'));
  });

  it.each([
    ['get', '/allsky/start', 'start', 'Allsky started', 'active'],
    ['post', '/allsky/stopall', 'stop', 'Allsky stopped', 'inactive'],
    ['get', '/allsky/restart', 'restart', 'Allsky started', 'active'],
    ['get', '/allsky/stopallsky', 'stop', 'Allsky stopped', 'inactive'],
    ['post', '/allsky/start', 'start', 'Allsky started', 'active'],
    ['post', '/allsky/restart', 'restart', 'Allsky started', 'active'],
    ['post', '/allsky/stopallsky', 'stop', 'Allsky stopped', 'inactive'],
    ['get', '/allsky/stopall', 'stop', 'Allsky stopped', 'inactive'],
  ] as const)('%s %s runs systemctl %s and answers "%s"; the service-changed event follows', async (method, path, action, text, state) => {
    const seen: BusEvent[] = [];
    const sub = t.app.get(EventBus).on('allsky.service-changed').subscribe((e) => seen.push(e));
    const before = (await fake.calls()).length;
    expect((await http()[method](path).expect(200)).body).toEqual({ status: text });
    sub.unsubscribe();
    expect((await fake.calls()).slice(before)).toEqual([`--no-ask-password ${action} allsky`, 'is-active allsky']);
    expect(seen.map((e) => e.payload)).toEqual([{ unit: 'allsky', action, state }]);
    expect((await http().get('/allsky/status').expect(200)).body.service.state).toBe(state);
  });

  it('a failing systemctl is a 500 with its message, not a 200', async () => {
    await fake.failWith('Failed to start allsky.service: Access denied');
    try {
      const res = await http().post('/allsky/start').expect(500);
      expect(res.body).toEqual({ error: 'Failed to start allsky', type: 'ServiceControlError', message: 'systemctl start allsky failed: Failed to start allsky.service: Access denied' });
      await http().get('/allsky/stopall').expect(500);
    } finally {
      await fake.failWith(null);
    }
  });

  it('status needs allsky:read and control allsky:update, with the Allsky Server texts', async () => {
    const viewer = await createUser(t.app, 'allsky-viewer', { roles: ['viewer'] });
    const auth = { ...REMOTE, Authorization: `Bearer ${viewer.token}` };
    await http().get('/allsky/status').set(auth).expect(200);
    expect((await http().post('/allsky/start').set(auth).expect(403)).body.error).toBe('Access denied for update on allsky');
    expect((await http().get('/allsky/status').set(REMOTE).expect(401)).body.error).toBe('Authentication required');
  });

  it('marks the state-changing GETs deprecated in the OpenAPI document, and offers POSTs', async () => {
    const paths = (await http().get('/api-json').expect(200)).body.paths;
    for (const p of ['/allsky/start', '/allsky/restart', '/allsky/stopallsky', '/allsky/stopall']) {
      expect(paths[p].get.deprecated).toBe(true);
      expect(paths[p].post.deprecated).toBeUndefined();
    }
    expect(paths['/gpio/status'].get.description).toContain('Skygate uses read for reads');
  });

  it('GET /dashboard/system reports CPU, memory, disks, uptime and network', async () => {
    const body = (await http().get('/dashboard/system').expect(200)).body;
    expect(body.cpu.cores).toBeGreaterThan(0);
    expect(body.cpu.loadAverage).toHaveLength(3);
    expect(body.memory.totalBytes).toBeGreaterThan(0);
    expect(body.disks.length).toBeGreaterThan(0);
    expect(body.uptimeSeconds).toBeGreaterThan(0);
    expect(Array.isArray(body.network)).toBe(true);
    expect(new Date(body.sampledAt).toString()).not.toBe('Invalid Date');
  });

  it('GET /system/top is an HTML table of processes; both need dashboard:read', async () => {
    const res = await http().get('/system/top').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<th>PID</th><th>CPU%</th><th>MEM%</th><th>Name</th>');
    expect(res.text).toMatch(/<tr><td>\d+<\/td>/);
    const uploader = await createUser(t.app, 'dash-uploader', { roles: ['uploader'] });
    await http().get('/system/top').set({ ...REMOTE, Authorization: `Bearer ${uploader.token}` }).expect(403);
    await http().get('/dashboard/system').set({ ...REMOTE, Authorization: `Bearer ${uploader.token}` }).expect(403);
  });
});
