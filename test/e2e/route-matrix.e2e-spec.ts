import request from 'supertest';
import { RouteInventory, type RouteEntry } from '@app/auth';
import { fitsFile } from '../../libs/core/test/header-builders';
import { createUser, REMOTE, type TestUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

const PLACEHOLDER_UUID = '00000000-0000-4000-8000-000000000000';

/** A concrete URL for a route pattern: path parameters get a well-formed id that matches nothing. */
function concrete(route: RouteEntry): string {
  return route.path.replace(/:[A-Za-z_]+/g, PLACEHOLDER_UUID);
}

// @All() routes (catch-alls) are exercised with PUT.
const verb = (route: RouteEntry) => (route.method === 'ALL' ? 'put' : (route.method.toLowerCase() as 'get'));

describe('authorization matrix over every route of the app', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  let viewer: TestUser;
  let admin: TestUser;
  let uploader: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    routes = t.app.get(RouteInventory).routes();
    viewer = await createUser(t.app, 'matrix-viewer', { roles: ['viewer'] });
    admin = await createUser(t.app, 'matrix-admin', { admin: true });
    uploader = await createUser(t.app, 'matrix-uploader', { roles: ['uploader'] });
  });
  afterAll(() => t.close());

  const call = (route: RouteEntry, headers: Record<string, string>) =>
    request(t.app.getHttpServer())
      [verb(route)](concrete(route))
      .set(REMOTE)
      .set(headers)
      .send({});

  it('finds the routes, and every one declares a permission, a login, a signature or @Public()', () => {
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('anonymous remote callers get 401 everywhere except public and self-verifying routes', async () => {
    for (const route of routes) {
      const res = await call(route, {});
      const open = route.access?.kind === 'public' || route.access?.kind === 'signed';
      if (open) expect({ route: `${route.method} ${route.path}`, status: res.status }).not.toEqual({ route: `${route.method} ${route.path}`, status: 401 });
      else expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({ route: `${route.method} ${route.path}`, status: 401 });
    }
  });

  it('a viewer gets 403 on every update route, on users and metrics, and is let through on reads', async () => {
    for (const route of routes.filter((r) => r.access?.kind === 'permission')) {
      const access = route.access as Extract<RouteEntry['access'], { kind: 'permission' }>;
      const res = await call(route, { Authorization: `Bearer ${viewer.token}` });
      // metrics:read is not a viewer's: only admins, or a role an admin grants it.
      const denied = access.action === 'update' || access.resource === 'users' || access.resource === 'metrics';
      expect({ route: `${route.method} ${route.path}`, forbidden: res.status === 403 }).toEqual({ route: `${route.method} ${route.path}`, forbidden: denied });
    }
  });

  type PermissionRoute = RouteEntry & { access: Extract<RouteEntry['access'], { kind: 'permission' }> };
  const permissionRoutes = () => routes.filter((r): r is PermissionRoute => r.access?.kind === 'permission');
  const refusal = async (route: RouteEntry, headers: Record<string, string>) => {
    const res = await call(route, headers);
    return { route: `${route.method} ${route.path}`, refused: [401, 403].includes(res.status) };
  };

  it('the uploader role reaches the upload routes and its sync uploads, and is refused everything else (no PATCH or DELETE of archive data)', async () => {
    expect(permissionRoutes().filter((r) => r.access.upload).length).toBeGreaterThanOrEqual(4);
    for (const route of permissionRoutes()) {
      const allowed = route.access.upload === true || (route.access.resource === 'sync' && route.access.action === 'update');
      expect(await refusal(route, { Authorization: `Bearer ${uploader.token}` })).toEqual({ route: `${route.method} ${route.path}`, refused: !allowed });
    }
  });

  it("an upload-scoped key reaches exactly the upload routes, the uploader's and the admin's alike", async () => {
    for (const user of [uploader, admin]) {
      const { key } = await user.key('upload');
      for (const route of permissionRoutes()) {
        expect(await refusal(route, { 'X-API-KEY': key })).toEqual({ route: `${route.method} ${route.path}`, refused: route.access.upload !== true });
      }
    }
  });

  it('the upload client can look up its dataset by name with an upload key', async () => {
    const { key } = await uploader.key('upload');
    const res = await request(t.app.getHttpServer()).get('/datasets/?name=M31').set(REMOTE).set('X-API-KEY', key).expect(200);
    expect(Array.isArray(res.body) || Array.isArray(res.body.results)).toBe(true);
  });

  it('an admin is never refused (neither 401 nor 403)', async () => {
    for (const route of routes.filter((r) => r.access?.kind !== 'signed')) {
      const res = await call(route, { Authorization: `Bearer ${admin.token}` });
      expect({ route: `${route.method} ${route.path}`, refused: [401, 403].includes(res.status) }).toEqual({ route: `${route.method} ${route.path}`, refused: false });
    }
  });
});

/** The archive's owned resources (ArchiveVisibility): other people's objects do not exist for a caller. */
describe('archive visibility over every route of the owned resources', () => {
  const OWNED = /^\/(datasets|datafiles|nightlogs|observations|calibrations|targets|targetlists)(\/|$)/;
  let t: TestApp;
  let routes: RouteEntry[];
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;
  /** Bob's object of each resource, and its name where it has one. */
  const bobs: Record<string, { id: string; name?: string }> = {};

  const server = () => request(t.app.getHttpServer());
  const as = (u: TestUser) => ({ ...REMOTE, Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp();
    routes = t.app.get(RouteInventory).routes().filter((r) => r.method !== 'ALL' && OWNED.test(r.path));
    admin = await createUser(t.app, 'vis-admin', { admin: true });
    // Observers who curate their own archive data: the uploader role alone only uploads.
    await server().post('/roles').set(as(admin)).send({ name: 'vis-curator', permissions: { archive: ['read', 'update'] } }).expect(201);
    alice = await createUser(t.app, 'vis-alice', { roles: ['operator', 'uploader', 'vis-curator'] });
    bob = await createUser(t.app, 'vis-bob', { roles: ['operator', 'uploader', 'vis-curator'] });
    const site = (await server().post('/observingsites/').set(as(admin)).send({ name: 'Shared site', coordinates: { longitude: 2.3, latitude: 48.8 }, time_zone: 'Europe/Paris' }).expect(201)).body;
    const telescope = (await server().post('/telescopes/').set(as(admin)).send({ name: 'Shared scope', observing_site: site.uuid }).expect(201)).body;
    const bobKey = (await bob.key('upload')).key;
    const dataset = (await server().post('/datasets/').set({ ...REMOTE, 'X-Arcsecond-API-Authorization': `Key ${bobKey}` }).send({ name: 'Bob only', telescope: telescope.uuid }).expect(201)).body;
    const file = (
      await server()
        .post('/datafiles/')
        .set({ ...REMOTE, 'X-Arcsecond-API-Authorization': `Key ${bobKey}` })
        .field('dataset', dataset.uuid)
        .attach('file', fitsFile({ IMAGETYP: "'Light Frame'", OBJECT: "'M 31'", 'DATE-OBS': "'2026-11-21T22:00:00'" }, 2880), 'bob.fits')
        .expect(201)
    ).body;
    const calibration = (await server().post('/calibrations/').set(as(bob)).send({ name: 'Bob dark', dataset: dataset.uuid }).expect(201)).body;
    const target = (await server().post('/targets/').set(as(bob)).send({ name: 'Bob target', target_class: 'AstronomicalObject' }).expect(201)).body;
    const targetList = (await server().post('/targetlists/').set(as(bob)).send({ name: 'Bob list', targets: [target] }).expect(201)).body;
    Object.assign(bobs, {
      datasets: { id: dataset.uuid, name: 'Bob only' },
      datafiles: { id: String(file.id) },
      observations: { id: file.observation, name: 'bob.fits' },
      nightlogs: { id: (await server().get(`/observations/${file.observation}/`).set(as(bob)).expect(200)).body.night_log },
      calibrations: { id: calibration.uuid, name: 'Bob dark' },
      targets: { id: String(target.id), name: 'Bob target' },
      targetlists: { id: targetList.uuid, name: 'Bob list' },
    });
  });
  afterAll(() => t.close());

  const resourceOf = (route: RouteEntry) => OWNED.exec(route.path)![1];
  const url = (route: RouteEntry) => route.path.replace(/:[A-Za-z_]+/, bobs[resourceOf(route)].id);

  it('covers every owned resource, and the owner and an administrator see the objects', async () => {
    expect(new Set(routes.map(resourceOf))).toEqual(new Set(Object.keys(bobs)));
    for (const [resource, { id }] of Object.entries(bobs)) {
      expect(id).toBeTruthy();
      await server().get(`/${resource}/${id}/`).set(as(bob)).expect(200);
      await server().get(`/${resource}/${id}/`).set(as(admin)).expect(200);
    }
  });

  it("another user reads, changes and deletes none of them: 404 {detail: 'Not found.'} on every detail route", async () => {
    for (const route of routes.filter((r) => r.path.includes(':'))) {
      const res = await server()[verb(route)](url(route)).set(as(alice)).send({ name: 'stolen', tags: ['x'] });
      expect({ route: `${route.method} ${route.path}`, status: res.status, body: res.body }).toEqual({ route: `${route.method} ${route.path}`, status: 404, body: { detail: 'Not found.' } });
    }
    for (const [resource, { id }] of Object.entries(bobs)) await server().get(`/${resource}/${id}/`).set(as(bob)).expect(200);
  });

  it('another user lists none of them, with or without filters or pages', async () => {
    const filters = (resource: string) => ['', '?page=1', bobs[resource].name ? `?name=${encodeURIComponent(bobs[resource].name!)}` : '', `?dataset=${bobs.datasets.id}`, `?night_log=${bobs.nightlogs.id}`].filter((f) => f !== '');
    for (const route of routes.filter((r) => r.method === 'GET' && !r.path.includes(':'))) {
      for (const filter of ['', ...filters(resourceOf(route))]) {
        const res = await server().get(`${route.path}/${filter}`).set(as(alice)).expect(200);
        const items = Array.isArray(res.body) ? res.body : res.body.results;
        expect({ url: `${route.path}/${filter}`, items }).toEqual({ url: `${route.path}/${filter}`, items: [] });
      }
      // The same lists are not empty for Bob, so the emptiness above is the rule at work.
      const own = await server().get(`${route.path}/`).set(as(bob)).expect(200);
      expect({ url: route.path, count: own.body.length }).toEqual({ url: route.path, count: 1 });
    }
  });

  it("another user cannot attach anything to them: uploads and frames naming Bob's dataset or night log are refused as unknown", async () => {
    const aliceKey = (await alice.key('upload')).key;
    const upload = await server().post('/datafiles/').set({ ...REMOTE, 'X-Arcsecond-API-Authorization': `Key ${aliceKey}` }).field('dataset', bobs.datasets.id).attach('file', Buffer.from('x'), 'a.fits').expect(400);
    expect(upload.body).toEqual({ dataset: [expect.stringMatching(/does not exist/)] });
    await server().post('/observations/').set(as(alice)).send({ name: 'x', dataset: bobs.datasets.id }).expect(400);
    await server().post('/calibrations/').set(as(alice)).send({ name: 'x', night_log: bobs.nightlogs.id }).expect(400);
    const mine = await server().post('/datasets/').set(as(alice)).send({ name: 'Bob only' }).expect(201);
    expect((await server().get('/datasets/?name=Bob%20only').set(as(alice))).body).toEqual([expect.objectContaining({ uuid: mine.body.uuid })]);
  });

  it('a public dataset is read, with its files and frames, by anyone holding archive:read, and changed only as before', async () => {
    const viewer = await createUser(t.app, 'vis-viewer', { roles: ['viewer'] });
    const ds = bobs.datasets.id;
    await server().patch(`/datasets/${ds}/`).set(as(alice)).send({ is_public: true }).expect(404);
    expect((await server().patch(`/datasets/${ds}/`).set(as(bob)).send({ is_public: true }).expect(200)).body.is_public).toBe(true);
    for (const reader of [alice, viewer]) {
      expect((await server().get('/datasets/?is_public=true').set(as(reader)).expect(200)).body).toEqual([expect.objectContaining({ uuid: ds, is_public: true })]);
      await server().get(`/datasets/${ds}/`).set(as(reader)).expect(200);
      expect((await server().get(`/datafiles/?dataset=${ds}`).set(as(reader)).expect(200)).body).toEqual([expect.objectContaining({ id: Number(bobs.datafiles.id) })]);
      await server().get(`/datafiles/${bobs.datafiles.id}/`).set(as(reader)).expect(200);
      await server().get(`/observations/${bobs.observations.id}/`).set(as(reader)).expect(200);
      expect((await server().get('/calibrations/').set(as(reader)).expect(200)).body).toEqual([expect.objectContaining({ uuid: bobs.calibrations.id })]);
      // What is not in the dataset stays private.
      await server().get(`/nightlogs/${bobs.nightlogs.id}/`).set(as(reader)).expect(404);
      await server().get(`/targets/${bobs.targets.id}/`).set(as(reader)).expect(404);
    }
    // Reading is all: changes answer 403 (the object is visible), and nothing changed.
    for (const [verb, path] of [['patch', `/datasets/${ds}/`], ['delete', `/datasets/${ds}/`], ['patch', `/datafiles/${bobs.datafiles.id}/`], ['delete', `/datafiles/${bobs.datafiles.id}/`], ['patch', `/observations/${bobs.observations.id}/`], ['delete', `/calibrations/${bobs.calibrations.id}/`]] as const) {
      const res = await server()[verb](path).set(as(alice)).send({ name: 'stolen', tags: ['x'] });
      expect({ path, verb, status: res.status, body: res.body }).toEqual({ path, verb, status: 403, body: { detail: 'You do not have permission to perform this action.' } });
    }
    await server().patch(`/datasets/${ds}/`).set(as(viewer)).send({ name: 'stolen' }).expect(403);
    const aliceKey = (await alice.key('upload')).key;
    await server().post('/datafiles/').set({ ...REMOTE, 'X-Arcsecond-API-Authorization': `Key ${aliceKey}` }).field('dataset', ds).attach('file', Buffer.from('x'), 'a.fits').expect(400);
    expect((await server().get(`/datasets/${ds}/`).set(as(bob)).expect(200)).body).toMatchObject({ name: 'Bob only', data_files_count: 1 });
    // Private again: gone for the others.
    await server().patch(`/datasets/${ds}/`).set(as(bob)).send({ is_public: false }).expect(200);
    await server().get(`/datasets/${ds}/`).set(as(alice)).expect(404);
    expect((await server().get(`/datafiles/?dataset=${ds}`).set(as(viewer)).expect(200)).body).toEqual([]);
  });
});

/** The archive answers every 4xx in Django REST framework's shapes: `{"field": ["msg"]}` for a 400 about input, `{"detail": "..."}` otherwise. */
describe('archive 4xx bodies, route by route', () => {
  const ARCHIVE = /^\/(observingsites|telescopes|nightlogs|datapackages|datasets|datafiles|observations|calibrations|allskycameras|targets|targetlists|members|profiles|organisations|auth\/key)(\/|$)/;
  let t: TestApp;
  let routes: RouteEntry[];
  let viewer: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    routes = t.app.get(RouteInventory).routes().filter((r) => r.method !== 'ALL' && ARCHIVE.test(r.path));
    viewer = await createUser(t.app, 'shape-viewer', { roles: ['viewer'] });
    admin = await createUser(t.app, 'shape-admin', { admin: true });
  });
  afterAll(() => t.close());

  const isFieldMap = (body: unknown): boolean =>
    typeof body === 'object' && body !== null && !Array.isArray(body) && !('detail' in body) && Object.keys(body).length > 0 &&
    Object.values(body).every((v) => (Array.isArray(v) ? v.length > 0 && v.every((m) => typeof m === 'string') : isFieldMap(v)));

  /** The shape a 4xx body must have: a client keeps the text and may parse it as JSON, so it is always JSON of one of DRF's two shapes. */
  function expectDrfShape(row: string, res: request.Response): void {
    expect({ row, type: res.headers['content-type'] }).toEqual({ row, type: expect.stringMatching(/^application\/json/) });
    const ok = res.status === 400 ? isFieldMap(res.body) || (Object.keys(res.body).length === 1 && typeof res.body.detail === 'string') : Object.keys(res.body).length === 1 && typeof res.body.detail === 'string';
    expect({ row, status: res.status, body: res.body, ok }).toEqual({ row, status: res.status, body: res.body, ok: true });
  }

  it('covers the archive: every resource, the organisations and the key checks', () => {
    expect(new Set(routes.map((r) => r.path.split('/')[1]))).toEqual(new Set(['observingsites', 'telescopes', 'nightlogs', 'datapackages', 'datasets', 'datafiles', 'observations', 'calibrations', 'allskycameras', 'targets', 'targetlists', 'members', 'profiles', 'organisations', 'auth']));
  });

  it('answers no key, a wrong key, a missing permission, an unknown id and a bad body in those shapes on every route', async () => {
    const server = () => request(t.app.getHttpServer());
    const send = (route: RouteEntry, headers: Record<string, string>) => server()[verb(route)](concrete(route)).set(headers).send({ name: 5, targets: 'x', username: '', key: '', role: 'chief' });
    for (const route of routes) {
      const id = `${route.method} ${route.path}`;
      const guarded = route.access?.kind !== 'public';
      const rows: [string, Record<string, string>, number | undefined][] = [
        ['no key', REMOTE, guarded ? 401 : undefined],
        ['a wrong key', { ...REMOTE, 'X-Arcsecond-API-Authorization': 'Key not-a-key-of-anyone' }, guarded ? 401 : undefined],
        ['a reader changing', { ...REMOTE, Authorization: `Bearer ${viewer.token}` }, route.access?.kind === 'permission' && route.access.action === 'update' ? 403 : undefined],
        ['an administrator, unknown id, bad body', { ...REMOTE, Authorization: `Bearer ${admin.token}` }, undefined],
      ];
      for (const [row, headers, status] of rows) {
        const res = await send(route, headers);
        if (status !== undefined) expect({ id, row, status: res.status }).toEqual({ id, row, status });
        if (res.status >= 400 && res.status < 500) expectDrfShape(`${id}: ${row}`, res);
      }
    }
  });

  it("answers a verb a path does not serve with 405 {detail} and Allow, and a wrong key on the login check as Arcsecond's client reads it", async () => {
    const server = () => request(t.app.getHttpServer());
    for (const list of new Set(routes.filter((r) => !r.path.includes(':') && r.method === 'GET').map((r) => r.path))) {
      const res = await server().put(`${list}/`).set({ ...REMOTE, Authorization: `Bearer ${admin.token}` }).send({});
      expect({ list, status: res.status, body: res.body, allow: res.headers.allow }).toEqual({ list, status: 405, body: { detail: 'Method "PUT" not allowed.' }, allow: expect.stringContaining('GET') });
    }
    // `arcsecond login` saves the key only on a 2xx, and prints the body of anything else as text: a JSON {detail}.
    const res = await server().post('/auth/key/verify/').set(REMOTE).send({ username: 'shape-admin', key: 'wrong' });
    expect({ status: res.status, body: res.body, type: res.headers['content-type'] }).toEqual({ status: 401, body: { detail: 'Invalid username or key.' }, type: expect.stringMatching(/^application\/json/) });
    expect((await server().post('/auth/key/verify/').set(REMOTE).send({ username: 'shape-admin' }).expect(400)).body).toEqual({ key: expect.arrayContaining([expect.any(String)]) });
  });
});

describe('a route that declares no access', () => {
  it('stops the application from starting, naming the route', async () => {
    const { Controller, Get, Module } = await import('@nestjs/common');
    @Controller('forgotten')
    class ForgottenController {
      @Get()
      forgottenRoute() {
        return 'anyone?';
      }
    }
    @Module({ controllers: [ForgottenController] })
    class ForgottenModule {}
    await expect(startTestApp({ extraImports: [ForgottenModule] })).rejects.toThrow('routes without a declared permission or @Public(): GET /forgotten (ForgottenController.forgottenRoute)');
  });
});
