import request from 'supertest';
import { createUser, REMOTE, type TestUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** What Arcsecond's own clients (the `arcsecond` Python library and CLI) send and read (issue 18). */
describe('Archive: behaving like Arcsecond where its clients notice', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let admin: TestUser;
  let full: string;
  let upload: string;
  let camera: string;

  const as = (key: string) => ({ ...REMOTE, 'X-Arcsecond-API-Authorization': `Key ${key}` });
  const bearer = (u: TestUser) => ({ ...REMOTE, Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp({ configure: { archive: { pageSize: 2 } } });
    http = request(t.app.getHttpServer());
    admin = await createUser(t.app, 'curator', { admin: true });
    // The uploader role only uploads: an observer who curates the archive holds archive:update too.
    await http.post('/roles').set(bearer(admin)).send({ name: 'archive-curator', permissions: { archive: ['read', 'update'] } }).expect(201);
    const member = await createUser(t.app, 'watcher', { roles: ['operator', 'uploader', 'archive-curator'] });
    full = (await member.key('full')).key;
    upload = (await member.key('upload')).key;
  });
  afterAll(() => t.close());

  describe('unknown query parameters and body fields are ignored, as Django REST framework does', () => {
    it('creates and patches with fields the server does not know, and still validates the known ones', async () => {
      const site = await http
        .post('/observingsites/')
        .set(bearer(admin))
        .send({ name: 'Pic du Midi', continent: 'Europe', coordinates: { longitude: 0.142, latitude: 42.936, height: 2877, precision: 'high' }, homepage: 'https://example.org' })
        .expect(201);
      expect(site.body).toMatchObject({ name: 'Pic du Midi', coordinates: { longitude: 0.142, latitude: 42.936, height: 2877 } });
      expect(site.body).not.toHaveProperty('continent');
      expect(site.body.coordinates).not.toHaveProperty('precision');
      const bad = await http.post('/observingsites/').set(bearer(admin)).send({ name: '', continent: 'Europe' }).expect(400);
      expect(bad.body).toEqual({ detail: expect.stringMatching(/name/) });
      expect(bad.body.detail).not.toMatch(/should not exist/);
      const tel = await http.post('/telescopes/').set(bearer(admin)).send({ name: 'T1M', observing_site: site.body.uuid, mounting: 'fork', optical_design: 'RC' }).expect(201);
      await http.patch(`/telescopes/${tel.body.uuid}/`).set(bearer(admin)).send({ acronym: 'T1', wavelength_domains: ['optical'] }).expect(200);
      const ds = await http.post('/datasets/').set(as(upload)).send({ name: 'Moon', telescope: tel.body.uuid, organisation: 'nobody', is_public: false }).expect(201);
      expect(ds.body).toMatchObject({ name: 'Moon', telescope: tel.body.uuid });
      await http.patch(`/datasets/${ds.body.uuid}/`).set(as(full)).send({ tags: ['moon'], unknown: 1 }).expect(200);
      await http.post('/auth/key/verify/').set(REMOTE).send({ username: 'watcher', key: full, organisation: '' }).expect(204);
      const typo = await http.post('/datasets/').set(as(full)).send({ name: 'x', telescope: 'not-a-uuid', extra: true }).expect(400);
      expect(typo.body.detail).toMatch(/telescope/);
    });

    it('ignores query parameters a list does not know, and refuses bad values of known ones', async () => {
      for (const path of ['/observingsites/?format=json&ordering=name', '/telescopes/?search=x', '/datasets/?expand=telescope', '/allskycameras/?foo=bar', '/nightlogs/?ordering=-date', '/observations/?x=1']) {
        const res = await http.get(path).set(bearer(admin)).expect(200);
        expect(Array.isArray(res.body)).toBe(true);
      }
      const bad = await http.get('/datasets/?telescope=nope&ordering=name').set(bearer(admin)).expect(400);
      expect(bad.body.detail).toMatch(/telescope/);
      expect(bad.body.detail).not.toMatch(/should not exist/);
      await http.get('/datasets/?page=0').set(bearer(admin)).expect(400);
    });
  });

  describe('filters the client library uses', () => {
    it('finds observing sites, telescopes, all-sky cameras, packages and frames by exact name (find_one / upsert)', async () => {
      const site = await http.post('/observingsites/').set(bearer(admin)).send({ name: 'Upsert site' }).expect(201);
      await http.post('/telescopes/').set(bearer(admin)).send({ name: 'Upsert scope' }).expect(201);
      const cam = await http.post('/allskycameras/').set(as(full)).send({ name: 'Upsert cam' }).expect(201);
      camera = cam.body.uuid;
      await http.post('/datapackages/').set(as(full)).send({ name: 'Upsert package' }).expect(201);
      await http.post('/observations/').set(as(full)).send({ name: 'Upsert frame', target_name: 'M 42' }).expect(201);
      for (const [path, name] of [
        ['/observingsites/', 'Upsert site'],
        ['/telescopes/', 'Upsert scope'],
        ['/allskycameras/', 'Upsert cam'],
        ['/datapackages/', 'Upsert package'],
        ['/observations/', 'Upsert frame'],
      ]) {
        const found = await http.get(`${path}?name=${encodeURIComponent(name)}`).set(as(full)).expect(200);
        expect(found.body).toEqual([expect.objectContaining({ name })]);
        expect((await http.get(`${path}?name=nothing-like-it`).set(as(full)).expect(200)).body).toEqual([]);
      }
      // upsert = find by name, then PATCH the match.
      const [match] = (await http.get('/observingsites/?name=Upsert%20site').set(as(full))).body;
      expect(match.uuid).toBe(site.body.uuid);
      await http.patch(`/observingsites/${match.uuid}/`).set(bearer(admin)).send({ name: 'Upsert site', short_name: 'US', homepage: 'x' }).expect(200);
    });

    it('pages with page_size (paginated shape), page 1 when only the size is given, and keeps the bare array without either', async () => {
      for (const name of ['P1', 'P2', 'P3']) await http.post('/datapackages/').set(as(full)).send({ name }).expect(201);
      const all = await http.get('/datapackages/').set(as(full)).expect(200);
      expect(Array.isArray(all.body)).toBe(true);
      const sized = await http.get('/datapackages/?page_size=3').set(as(full)).expect(200);
      expect(sized.body).toMatchObject({ count: all.body.length, previous: null, next: '/datapackages/?page_size=3&page=2' });
      expect(sized.body.results).toHaveLength(3);
      const second = await http.get('/datapackages/?page=2&page_size=3').set(as(full)).expect(200);
      expect(second.body.results.map((p: { name: string }) => p.name)).toEqual(all.body.slice(3, 6).map((p: { name: string }) => p.name));
      const huge = await http.get('/datapackages/?page_size=1000000').set(as(full)).expect(200);
      expect(huge.body.results).toHaveLength(all.body.length);
      await http.get('/datapackages/?page_size=0').set(as(full)).expect(400);
      expect((await http.get('/datapackages/?page=1').set(as(full))).body.results).toHaveLength(2);
    });
  });

  describe('all-sky camera images as the uploader sends them', () => {
    const sendImage = (timestamp: string, name = 'sky.jpg', bytes = Buffer.from('jpeg bytes')) =>
      http.post(`/allskycameras/${camera}/images/`).set(as(upload)).field('camera', camera).field('utc_timestamp', timestamp).attach('file', bytes, { filename: name, contentType: 'application/octet-stream' });

    it('accepts utc_timestamp as POSIX seconds (float or integer) or ISO 8601, and answers the id the uploader reads', async () => {
      const float = await sendImage('1764374400.25').expect(201);
      expect(float.body).toMatchObject({ id: float.body.uuid, camera, utc_timestamp: '2025-11-29T00:00:00.250Z', file_name: 'sky.jpg' });
      expect((await sendImage('1000', 'early.jpg').expect(201)).body.utc_timestamp).toBe('1970-01-01T00:16:40.000Z');
      expect((await sendImage('2026-11-22T02:00:00Z').expect(201)).body.utc_timestamp).toBe('2026-11-22T02:00:00.000Z');
      for (const bad of ['yesterday', '', '1e400', 'NaN', '12:00']) {
        const res = await sendImage(bad, 'bad.jpg').expect(400);
        expect(res.body.detail).toMatch(/utc_timestamp/);
      }
    });

    it('stores the same file at the same instant for the same camera once, with the answer data files get', async () => {
      const again = await sendImage('1764374400.25').expect(400);
      expect(again.body.detail).toMatch(/already exists in dataset/);
      await sendImage('1764374400.5').expect(201);
      await sendImage('1764374400.25', 'other.jpg').expect(201);
      const concurrent = await Promise.all([sendImage('1764374401', 'race.jpg'), sendImage('1764374401', 'race.jpg')]);
      expect(concurrent.map((r) => r.status).sort()).toEqual([201, 400]);
      const images = (await http.get(`/allskycameras/${camera}/images/`).set(as(full)).expect(200)).body as { file_name: string; utc_timestamp: string }[];
      expect(images.filter((i) => i.file_name === 'sky.jpg' && i.utc_timestamp === '2025-11-29T00:00:00.250Z')).toHaveLength(1);
      expect(images.filter((i) => i.file_name === 'race.jpg')).toHaveLength(1);
    });
  });
});
