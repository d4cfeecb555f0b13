import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { RouteInventory } from '@app/auth';
import { createUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { mycodo } from './daemon-client';

/**
 * Every Mycodo route answered with data in place, its body validated against Mycodo's own
 * OpenAPI document (test data from the shared folder; the validation is in
 * mycodo-openapi-validate.mjs). Then every route of the family, extensions included: 406 for an
 * Accept without the vendor type, and the vendor Content-Type on every answer.
 */
const SPEC_NAME = 'reference/specs/mycodo.openapi.json';
const repoRoot = resolve(__dirname, '../..');
const specPath = [process.env.SKYGATE_SHARED_DIR, join(repoRoot, '../shared'), join(repoRoot, '../../shared')]
  .filter((d): d is string => !!d)
  .map((d) => join(d, SPEC_NAME))
  .find((p) => existsSync(p));

describe('the Mycodo family', () => {
  let t: TestApp;
  let api: ReturnType<typeof mycodo>;

  beforeAll(async () => {
    t = await startTestApp({ configure: { hardware: { gpioDriver: 'simulated' } } });
    api = mycodo(t.app);
  });
  afterAll(() => t?.close());

  it('answers 406 for an Accept without the vendor type and sends the vendor Content-Type on every route', async () => {
    const routes = t.app
      .get(RouteInventory)
      .routes()
      .filter((r) => r.path.startsWith('/api/') || r.path.startsWith('/last/'));
    expect(routes.length).toBeGreaterThan(60);
    for (const route of routes) {
      const path = route.path.replace(/:[A-Za-z_]+/g, '00000000-0000-4000-8000-000000000000');
      const method = route.method.toLowerCase() as 'get';
      const refused = await request(t.app.getHttpServer())[method](path).set('Accept', 'application/json').send({});
      expect({ route: `${route.method} ${route.path}`, status: refused.status, type: refused.headers['content-type'] }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 406,
        type: expect.stringMatching(/^application\/vnd\.mycodo\.v1\+json/),
      });
      const answered = await request(t.app.getHttpServer())[method](path).set('Accept', 'application/vnd.mycodo.v1+json').send({});
      if (answered.status === 204) continue;
      expect({ route: `${route.method} ${route.path}`, type: answered.headers['content-type'] }).toEqual({
        route: `${route.method} ${route.path}`,
        type: expect.stringMatching(/^application\/vnd\.mycodo\.v1\+json/),
      });
      expect(JSON.stringify(answered.text)).not.toMatch(/at .*\.ts:\d+|Traceback/);
    }
  });

  (specPath ? it : it.skip)('answers every route of Mycodo\'s OpenAPI document with a body the document allows', async () => {
    // The walk over every route above terminated the daemon.
    if (!((await api.get('/api/daemon/')).body as { is_running: boolean }).is_running) await api.post('/api/daemon/start').expect(200);
    await createUser(t.app, 'openapi-user', { admin: true });
    const output = await api.post('/api/outputs/', { name: 'Heater', output_type: 'gpio', channels: [{ channel: 0, options: { pin: 17 } }] });
    const outputId = (output.body as { 'output device': { unique_id: string } })['output device'].unique_id;
    const input = await api.post('/api/inputs/', { name: 'Sensor', device: 'simulated', is_activated: true });
    const inputId = (input.body as { 'input settings': { unique_id: string } })['input settings'].unique_id;
    const dm = (input.body as { 'device measurements': { unique_id: string }[] })['device measurements'][0].unique_id;
    const pid = await api.post('/api/pids/', { name: 'PID', measurement: `${inputId},${dm}`, raise_output_id: `${outputId},0` });
    const pidId = (pid.body as { 'pid settings': { unique_id: string } })['pid settings'].unique_id;
    const fn = await api.post('/api/functions/', { name: 'Rule', conditions: [{ type: 'safety', safe: false }], actions: [{ type: 'equipment', action: 'park_mount' }] });
    const fnId = (fn.body as { 'function settings': { unique_id: string } })['function settings'].unique_id;
    await api.post(`/api/inputs/${inputId}/force-measurement`).expect(200);
    const users = (await api.get('/api/settings/users')).body as { 'user settings': { unique_id: string }[] };
    const units = (await api.get('/api/settings/units')).body as { 'unit settings': { unique_id: string }[] };
    const kinds = (await api.get('/api/settings/measurements')).body as { 'measurement settings': { unique_id: string }[] };
    const now = Math.floor(Date.now() / 1000);

    const calls: [method: 'get' | 'post', path: string, body?: object][] = [
      ['get', '/choices/controllers'],
      ['get', '/choices/inputs/measurements'],
      ['get', '/choices/outputs/devices'],
      ['get', '/choices/outputs/measurements'],
      ['get', '/choices/pids/measurements'],
      ['get', `/controllers/${inputId}`],
      ['post', `/controllers/${fnId}`, { activate: true }],
      ['get', '/daemon/'],
      ['get', '/functions/'],
      ['get', `/functions/${fnId}`],
      ['get', '/inputs/'],
      ['get', `/inputs/${inputId}`],
      ['post', `/inputs/${inputId}/force-measurement`],
      ['post', `/measurements/create/${inputId}/C/5/1.5`, { timestamp: new Date().toISOString() }],
      ['get', `/measurements/historical/${inputId}/C/0/${now - 3600}/0`],
      ['get', `/measurements/last/${inputId}/C/0/3600`],
      ['get', `/measurements/past/${inputId}/C/0/3600`],
      ['post', '/notes/create', { tags: 'a,b', name: 'Note', note: 'Text' }],
      ['get', '/outputs/'],
      ['get', `/outputs/${outputId}`],
      ['post', `/outputs/${outputId}`, { channel: 0, state: true, duration: 5 }],
      ['get', '/pids/'],
      ['get', `/pids/${pidId}`],
      ['get', '/settings/device_measurements'],
      ['get', `/settings/device_measurements/by_device_id/${inputId}`],
      ['get', `/settings/device_measurements/${dm}`],
      ['get', '/settings/inputs'],
      ['get', `/settings/inputs/${inputId}`],
      ['get', '/settings/measurements'],
      ['get', `/settings/measurements/${kinds['measurement settings'][0].unique_id}`],
      ['get', '/settings/outputs'],
      ['get', `/settings/outputs/${outputId}`],
      ['get', '/settings/pids'],
      ['get', `/settings/pids/${pidId}`],
      ['get', '/settings/triggers'],
      ['get', '/settings/units'],
      ['get', `/settings/units/${units['unit settings'][0].unique_id}`],
      ['get', '/settings/users'],
      ['get', `/settings/users/${users['user settings'][0].unique_id}`],
      ['get', '/export_import/export_settings'],
      ['get', '/export_import/export_influxdb'],
      ['post', '/daemon/terminate'],
    ];
    const answers: { method: string; path: string; status: number; body: unknown }[] = [];
    for (const [method, path, body] of calls) {
      const res = method === 'get' ? await api.get(`/api${path}`) : await api.post(`/api${path}`, body);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      answers.push({ method, path, status: res.status, body: res.body ?? {} });
    }
    const dir = await mkdtemp(join(tmpdir(), 'mycodo-openapi-'));
    try {
      await writeFile(join(dir, 'answers.json'), JSON.stringify(answers));
      const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'mycodo-openapi-validate.mjs'), specPath!, join(dir, 'answers.json')], { maxBuffer: 16 << 20 });
      expect(JSON.parse(stdout)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

if (!specPath) console.warn(`skipping the Mycodo OpenAPI validation: ${SPEC_NAME} not found beside the repository (set SKYGATE_SHARED_DIR)`);
