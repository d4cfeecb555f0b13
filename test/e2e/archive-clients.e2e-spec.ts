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
      // Django REST framework's 400: the messages per field, nothing about the unknown ones.
      const bad = await http.post('/observingsites/').set(bearer(admin)).send({ name: '', continent: 'Europe' }).expect(400);
      expect(bad.body).toEqual({ name: [expect.stringMatching(/name/)] });
      const tel = await http.post('/telescopes/').set(bearer(admin)).send({ name: 'T1M', observing_site: site.body.uuid, mounting: 'fork', optical_design: 'RC' }).expect(201);
      await http.patch(`/telescopes/${tel.body.uuid}/`).set(bearer(admin)).send({ acronym: 'T1', wavelength_domains: ['optical'] }).expect(200);
      const ds = await http.post('/datasets/').set(as(upload)).send({ name: 'Moon', telescope: tel.body.uuid, organisation: 'nobody', is_public: false }).expect(201);
      expect(ds.body).toMatchObject({ name: 'Moon', telescope: tel.body.uuid });
      await http.patch(`/datasets/${ds.body.uuid}/`).set(as(full)).send({ tags: ['moon'], unknown: 1 }).expect(200);
      await http.post('/auth/key/verify/').set(REMOTE).send({ username: 'watcher', key: full, organisation: '' }).expect(204);
      const typo = await http.post('/datasets/').set(as(full)).send({ name: 'x', telescope: 'not-a-uuid', extra: true }).expect(400);
      expect(typo.body).toEqual({ telescope: [expect.stringMatching(/telescope/)] });
    });

    it('ignores query parameters a list does not know, and refuses bad values of known ones', async () => {
      for (const path of ['/observingsites/?format=json&ordering=name', '/telescopes/?search=x', '/datasets/?expand=telescope', '/allskycameras/?foo=bar', '/nightlogs/?ordering=-date', '/observations/?x=1']) {
        const res = await http.get(path).set(bearer(admin)).expect(200);
        expect(Array.isArray(res.body)).toBe(true);
      }
      const bad = await http.get('/datasets/?telescope=nope&ordering=name').set(bearer(admin)).expect(400);
      expect(bad.body).toEqual({ telescope: [expect.stringMatching(/telescope/)] });
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
        expect(res.body).toEqual({ utc_timestamp: [expect.stringMatching(/utc_timestamp/)] });
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

  describe('targets and target lists as the client library drives them', () => {
    /** `plan_target_payload(name="Custom field star", coordinates={...})` */
    const manual = { name: 'Custom field star', target_class: 'AstronomicalObject', mode: 'manual', object: { name: 'Custom field star', equatorial_coordinates: { right_ascension: 15.5, declination: -23.2 } } };

    it('creates targets from planned payloads, finds them by name and upserts (integer ids, unknown fields ignored)', async () => {
      const created = (await http.post('/targets/').set(as(full)).send(manual).expect(201)).body;
      expect(created).toMatchObject({ id: expect.any(Number), pk: created.id, name: 'Custom field star', target_class: 'AstronomicalObject', mode: 'manual', coordinates: { right_ascension: 15.5, declination: -23.2 }, profile: 'watcher', organisation: null });
      // api.targets.create(name=..., ra_deg=..., source_name=...): unknown fields are dropped.
      const pegb = (await http.post('/targets/').set(as(full)).send({ name: '51 Peg b', target_class: 'Exoplanet', ra_deg: 344.366, source_name: 'x' }).expect(201)).body;
      expect(pegb).toMatchObject({ name: '51 Peg b', target_class: 'Exoplanet', coordinates: null, mode: '' });
      // upsert(): find_one(name=...) reads the bare list, then PATCHes the match by its id.
      const [match] = (await http.get('/targets/?name=51%20Peg%20b').set(as(full)).expect(200)).body;
      expect(match.id).toBe(pegb.id);
      const patched = (await http.patch(`/targets/${match.id}/`).set(as(full)).send({ name: '51 Peg b', notes: 'hot Jupiter', tags: ['exo'] }).expect(200)).body;
      expect(patched).toMatchObject({ id: pegb.id, notes: 'hot Jupiter', tags: ['exo'] });
      expect((await http.get(`/targets/${pegb.id}/`).set(as(full)).expect(200)).body.notes).toBe('hot Jupiter');
      expect((await http.get('/targets/?target_class=Exoplanet&page=1').set(as(full)).expect(200)).body).toMatchObject({ count: 1, results: [expect.objectContaining({ id: pegb.id })] });
    });

    it('refuses targets without a name or identifier, or of an unknown class, field by field', async () => {
      expect((await http.post('/targets/').set(as(full)).send({ notes: 'nameless' }).expect(400)).body).toEqual({ non_field_errors: ['One of name or identifier must be provided.'] });
      expect((await http.post('/targets/').set(as(full)).send({ name: 'x', target_class: 'Galaxy' }).expect(400)).body).toEqual({ target_class: [expect.stringMatching(/target_class/)] });
      const nested = (await http.post('/targets/').set(as(full)).send({ name: 'x', object: { equatorial_coordinates: { right_ascension: 400, declination: 0 } } }).expect(400)).body;
      expect(nested).toEqual({ object: { equatorial_coordinates: { right_ascension: [expect.stringMatching(/right_ascension/)] } } });
      await http.get('/targets/abc/').set(as(full)).expect(404);
      expect((await http.get('/targets/2147483000/').set(as(full)).expect(404)).body).toEqual({ detail: 'Not found.' });
    });

    it('creates a list with new and existing targets, then adds, removes and clears them the way the helpers do (read, change, PATCH back)', async () => {
      const m42 = (await http.post('/targets/').set(as(full)).send({ name: 'M 42', target_class: 'AstronomicalObject' }).expect(201)).body;
      const list = (await http.post('/targetlists/').set(as(full)).send({ name: 'Tonight candidates', description: 'Imported', targets: [m42, { name: 'M 31', target_class: 'AstronomicalObject' }] }).expect(201)).body;
      expect(list).toMatchObject({ uuid: expect.any(String), name: 'Tonight candidates', description: 'Imported', profile: 'watcher' });
      expect(list.targets.map((t: { name: string }) => t.name)).toEqual(['M 42', 'M 31']);
      const m31 = list.targets[1];
      expect(m31.id).toEqual(expect.any(Number));
      // add_targets: read, append a new payload, PATCH the whole list back.
      const read = (await http.get(`/targetlists/${list.uuid}/`).set(as(full)).expect(200)).body;
      const added = (await http.patch(`/targetlists/${list.uuid}/`).set(as(full)).send({ targets: [...read.targets, { name: 'M 45', target_class: 'AstronomicalObject' }] }).expect(200)).body;
      expect(added.targets.map((t: { name: string }) => t.name)).toEqual(['M 42', 'M 31', 'M 45']);
      // remove_target: PATCH back what remains (existing targets by id keep their identity).
      const removed = (await http.patch(`/targetlists/${list.uuid}/`).set(as(full)).send({ targets: added.targets.filter((t: { id: number }) => t.id !== m31.id) }).expect(200)).body;
      expect(removed.targets.map((t: { id: number }) => t.id)).toEqual([m42.id, added.targets[2].id]);
      expect((await http.get(`/targets/${m31.id}/`).set(as(full)).expect(200)).body.name).toBe('M 31');
      // upsert by name finds the list; a name change leaves the targets.
      expect((await http.get('/targetlists/?name=Tonight%20candidates').set(as(full)).expect(200)).body).toEqual([expect.objectContaining({ uuid: list.uuid })]);
      expect((await http.patch(`/targetlists/${list.uuid}/`).set(as(full)).send({ description: 'Synced' }).expect(200)).body.targets).toHaveLength(2);
      // clear_targets, and a deleted target leaves every list.
      expect((await http.patch(`/targetlists/${list.uuid}/`).set(as(full)).send({ targets: [] }).expect(200)).body.targets).toEqual([]);
      await http.patch(`/targetlists/${list.uuid}/`).set(as(full)).send({ targets: [m42] }).expect(200);
      await http.delete(`/targets/${m42.id}/`).set(as(full)).expect(204);
      expect((await http.get(`/targetlists/${list.uuid}/`).set(as(full)).expect(200)).body.targets).toEqual([]);
      await http.delete(`/targetlists/${list.uuid}/`).set(as(full)).expect(204);
      await http.get(`/targetlists/${list.uuid}/`).set(as(full)).expect(404);
    });

    it('refuses unknown target ids and bare ids in a list, changing nothing', async () => {
      const before = (await http.get('/targets/').set(as(full)).expect(200)).body.length;
      expect((await http.post('/targetlists/').set(as(full)).send({ name: 'Bad', targets: [{ id: 2147483000 }, { name: 'never made' }] }).expect(400)).body).toEqual({ targets: ['Invalid pk "2147483000" - object does not exist.'] });
      const bare = (await http.post('/targetlists/').set(as(full)).send({ name: 'Bare', targets: [42] }).expect(400)).body;
      expect(Object.keys(bare)).toEqual(['targets']);
      expect((await http.get('/targets/').set(as(full)).expect(200)).body).toHaveLength(before);
      expect((await http.get('/targetlists/?name=Bad').set(as(full)).expect(200)).body).toEqual([]);
    });
  });

  describe('members and profiles', () => {
    it("answers the CLI's `arcsecond me` (profiles/<username>/) with the fields its profile carries, and members/ with the caller's memberships", async () => {
      const me = (await http.get('/profiles/watcher/').set(as(full)).expect(200)).body;
      expect(me).toMatchObject({ username: 'watcher', first_name: expect.any(String), last_name: expect.any(String), membership_date: expect.any(String) });
      expect(me.memberships[0]).toEqual({ role: 'member', date_joined: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), organisation: { subdomain: 'local', name: 'Skygate' } });
      expect((await http.get('/profiles/curator/').set(as(full)).expect(403)).body).toEqual({ detail: 'You do not have permission to perform this action.' });
      expect((await http.get('/profiles/').set(as(full)).expect(200)).body.map((p: { username: string }) => p.username)).toEqual(['watcher']);
      expect((await http.get('/profiles/').set(bearer(admin)).expect(200)).body.map((p: { username: string }) => p.username)).toEqual(expect.arrayContaining(['watcher', 'curator']));
      expect((await http.get('/members/').set(as(full)).expect(200)).body).toEqual([]);
      // Every list keeps the rule: a bare array, or a page with ?page= / ?page_size=.
      const page = (await http.get('/profiles/?page_size=1').set(bearer(admin)).expect(200)).body;
      expect(page).toMatchObject({ count: expect.any(Number), previous: null, next: '/profiles/?page_size=1&page=2', results: [expect.objectContaining({ username: expect.any(String) })] });
      expect(page.count).toBeGreaterThanOrEqual(2);
      expect((await http.get('/members/?page=1').set(as(full)).expect(200)).body).toEqual({ count: 0, next: null, previous: null, results: [] });
      expect((await http.get('/organisations/?page=1').set(as(full)).expect(200)).body).toEqual({ count: 0, next: null, previous: null, results: [] });
      expect((await http.get('/members/watcher/').set(as(full)).expect(404)).body).toEqual({ detail: 'Not found.' });
    });
  });
});
