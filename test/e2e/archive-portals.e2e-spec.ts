import request from 'supertest';
import { fitsFile } from '../../libs/core/test/header-builders';
import { createUser, REMOTE, type TestUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** Organisations (Arcsecond portals): members and roles, `/<subdomain>/…` paths, the client's checks. */
describe('Archive organisations (portals)', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let admin: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let memberUpload: string;

  const key = (k: string) => ({ ...REMOTE, 'X-Arcsecond-API-Authorization': `Key ${k}` });
  const bearer = (u: TestUser) => ({ ...REMOTE, Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp();
    http = request(t.app.getHttpServer());
    admin = await createUser(t.app, 'portal-admin', { admin: true });
    // The member curates archive data (archive:update), so what stops it managing members is its role in the organisation.
    await http.post('/roles').set(bearer(admin)).send({ name: 'portal-curator', permissions: { archive: ['read', 'update'] } }).expect(201);
    member = await createUser(t.app, 'portal-member', { roles: ['operator', 'uploader', 'portal-curator'] });
    outsider = await createUser(t.app, 'portal-outsider', { roles: ['operator', 'uploader'] });
    memberUpload = (await member.key('upload')).key;
  });
  afterAll(() => t.close());

  it('creates organisations (administrators only) and manages members with roles', async () => {
    await http.post('/organisations/').set(bearer(member)).send({ subdomain: 'nope', name: 'Nope' }).expect(403);
    const created = await http.post('/organisations/').set(bearer(admin)).send({ subdomain: 'saao', name: 'SAAO' }).expect(201);
    expect(created.body).toMatchObject({ subdomain: 'saao', name: 'SAAO' });
    await http.post('/organisations/').set(bearer(admin)).send({ subdomain: 'saao', name: 'Again' }).expect(400);
    await http.post('/organisations/').set(bearer(admin)).send({ subdomain: 'Bad Name', name: 'x' }).expect(400);
    await http.post('/organisations/saao/members/').set(bearer(member)).send({ username: 'portal-member', role: 'admin' }).expect(403);
    expect((await http.post('/organisations/saao/members/').set(bearer(admin)).send({ username: 'portal-member', role: 'member' }).expect(201)).body).toEqual({ username: 'portal-member', role: 'member' });
    await http.post('/organisations/saao/members/').set(bearer(admin)).send({ username: 'portal-member', role: 'chief' }).expect(400);
    const members = (await http.get('/organisations/saao/members/').set(bearer(member)).expect(200)).body;
    expect(members).toEqual(expect.arrayContaining([{ username: 'portal-admin', role: 'owner' }, { username: 'portal-member', role: 'member' }]));
    await http.get('/organisations/saao/members/').set(bearer(outsider)).expect(404);
    expect((await http.get('/organisations/').set(bearer(member)).expect(200)).body).toEqual([expect.objectContaining({ subdomain: 'saao' })]);
    expect((await http.get('/organisations/?page=1').set(bearer(member)).expect(200)).body).toEqual({ count: 1, next: null, previous: null, results: [expect.objectContaining({ subdomain: 'saao' })] });
    expect((await http.get('/organisations/').set(bearer(outsider)).expect(200)).body).toEqual([]);
    const profile = (await http.get('/profiles/portal-member/').set(bearer(member)).expect(200)).body;
    expect(profile.memberships).toContainEqual({ role: 'member', date_joined: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), organisation: { subdomain: 'saao', name: 'SAAO' } });
  });

  it("answers the upload CLI's portal checks: organisations/<subdomain>/ and auth/key/verify-organisation/", async () => {
    expect((await http.get('/organisations/saao/').set(key(memberUpload)).expect(200)).body).toMatchObject({ subdomain: 'saao' });
    expect((await http.get('/organisations/unknown/').set(key(memberUpload)).expect(404)).body).toEqual({ detail: 'Not found.' });
    await http.post('/auth/key/verify-organisation/').set(REMOTE).send({ username: 'portal-member', key: memberUpload, organisation: 'saao' }).expect(204);
    const outsiderKey = (await outsider.key('upload')).key;
    expect((await http.post('/auth/key/verify-organisation/').set(REMOTE).send({ username: 'portal-outsider', key: outsiderKey, organisation: 'saao' }).expect(403)).body).toEqual({ detail: expect.any(String) });
    expect((await http.post('/auth/key/verify-organisation/').set(REMOTE).send({ username: 'portal-member', key: 'wrong', organisation: 'saao' }).expect(401)).body).toEqual({ detail: 'Invalid username or key.' });
    await http.post('/auth/key/verify-organisation/').set(REMOTE).send({ username: 'portal-member', key: memberUpload, organisation: 'unknown' }).expect(404);
  });

  it('uploads end to end under the portal prefix: site, telescope, dataset, FITS, observation and night log in the organisation', async () => {
    const site = (await http.post('/saao/observingsites/').set(bearer(admin)).send({ name: 'Sutherland', coordinates: { longitude: 20.81, latitude: -32.38 }, time_zone: 'Africa/Johannesburg' }).expect(201)).body;
    const telescope = (await http.post('/saao/telescopes/').set(bearer(admin)).send({ name: 'Lesedi', observing_site: site.uuid }).expect(201)).body;
    expect((await http.get(`/saao/telescopes/${telescope.uuid}/`).set(key(memberUpload)).expect(200)).body.name).toBe('Lesedi');
    expect((await http.get('/saao/datasets/?name=Portal%20run').set(key(memberUpload)).expect(200)).body).toEqual([]);
    const dataset = (await http.post('/saao/datasets/').set(key(memberUpload)).send({ name: 'Portal run', telescope: telescope.uuid }).expect(201)).body;
    const file = (
      await http
        .post('/saao/datafiles/')
        .set(key(memberUpload))
        .field('dataset', dataset.uuid)
        .field('is_raw', 'True')
        .attach('file', fitsFile({ IMAGETYP: "'Light Frame'", OBJECT: "'NGC 300'", 'DATE-OBS': "'2026-11-21T22:00:00'" }, 2880), 'ngc300.fits')
        .expect(201)
    ).body;
    expect(file.observation).toBeTruthy();
    const observation = (await http.get(`/saao/observations/${file.observation}/`).set(bearer(member)).expect(200)).body;
    expect(observation).toMatchObject({ target_name: 'NGC 300', dataset: dataset.uuid });
    expect((await http.get('/saao/nightlogs/').set(bearer(member)).expect(200)).body).toEqual([expect.objectContaining({ uuid: observation.night_log, date: '2026-11-21', telescope: telescope.uuid })]);
    // The admin, another member's view of the organisation, sees it; the outsider does not, in or out of the portal.
    expect((await http.get('/saao/datasets/').set(bearer(admin)).expect(200)).body).toEqual([expect.objectContaining({ uuid: dataset.uuid })]);
    expect((await http.get('/saao/datasets/').set(bearer(outsider)).expect(200)).body).toEqual([]);
    expect((await http.get(`/datasets/${dataset.uuid}/`).set(bearer(outsider)).expect(404)).body).toEqual({ detail: 'Not found.' });
    await http.post('/saao/datasets/').set(bearer(outsider)).send({ name: 'Intruder' }).expect(404);
    // Outside the portal the member still sees its organisation's data; personal data stays out of the portal.
    expect((await http.get(`/datasets/${dataset.uuid}/`).set(bearer(member)).expect(200)).body.name).toBe('Portal run');
    await http.post('/datasets/').set(bearer(member)).send({ name: 'Personal' }).expect(201);
    expect((await http.get('/saao/datasets/').set(bearer(member)).expect(200)).body.map((d: { name: string }) => d.name)).toEqual(['Portal run']);
    // A page's links stay inside the portal.
    await http.post('/saao/datasets/').set(bearer(member)).send({ name: 'Portal run 2' }).expect(201);
    const first = (await http.get('/saao/datasets/?page_size=1').set(bearer(member)).expect(200)).body;
    expect(first).toMatchObject({ count: 2, previous: null, next: '/saao/datasets/?page_size=1&page=2' });
    expect((await http.get(first.next).set(bearer(member)).expect(200)).body).toMatchObject({ previous: '/saao/datasets/?page_size=1&page=1', next: null, results: [expect.objectContaining({ name: 'Portal run 2' })] });
    expect((await http.get('/datasets/?page_size=1').set(bearer(member)).expect(200)).body.next).toMatch(/^\/datasets\//);
  });

  it('serves members/, profiles/, targets/ and targetlists/ under the portal prefix, for its members only', async () => {
    // An upload key only uploads.
    const members = (await http.get('/saao/members/').set(key(memberUpload)).expect(403)).body;
    expect(members).toEqual({ detail: expect.any(String) });
    const listed = (await http.get('/saao/members/').set(bearer(member)).expect(200)).body;
    expect(listed).toEqual(expect.arrayContaining([{ username: 'portal-member', role: 'member', date_joined: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), organisation: { subdomain: 'saao', name: 'SAAO' } }]));
    expect((await http.get('/saao/members/portal-admin/').set(bearer(member)).expect(200)).body).toMatchObject({ username: 'portal-admin', role: 'owner' });
    expect((await http.get('/saao/members/').set(bearer(outsider)).expect(404)).body).toEqual({ detail: 'Not found.' });
    // Managing members: the organisation's owner may, a plain member may not.
    expect((await http.post('/saao/members/').set(bearer(member)).send({ username: 'portal-outsider', role: 'visitor' }).expect(403)).body).toEqual({ detail: 'You do not have permission to perform this action.' });
    expect((await http.post('/saao/members/').set(bearer(admin)).send({ username: 'portal-outsider', role: 'visitor' }).expect(201)).body).toMatchObject({ username: 'portal-outsider', role: 'visitor' });
    expect((await http.patch('/saao/members/portal-outsider/').set(bearer(admin)).send({ role: 'chief' }).expect(400)).body).toEqual({ role: [expect.any(String)] });
    expect((await http.patch('/saao/members/portal-outsider/').set(bearer(admin)).send({ role: 'member' }).expect(200)).body.role).toBe('member');
    // Fellow members read each other's profiles inside the portal, not outside it.
    expect((await http.get('/saao/profiles/portal-outsider/').set(bearer(member)).expect(200)).body.memberships).toContainEqual({ role: 'member', date_joined: expect.any(String), organisation: { subdomain: 'saao', name: 'SAAO' } });
    await http.get('/profiles/portal-outsider/').set(bearer(member)).expect(403);
    expect((await http.get('/saao/profiles/').set(bearer(member)).expect(200)).body.map((p: { username: string }) => p.username).sort()).toEqual(['portal-admin', 'portal-member', 'portal-outsider']);
    await http.delete('/saao/members/portal-outsider/').set(bearer(admin)).expect(204);
    await http.get('/saao/members/portal-outsider/').set(bearer(member)).expect(404);
    await http.get('/saao/profiles/').set(bearer(outsider)).expect(404);
    // Targets and lists made in the portal belong to the organisation.
    const target = (await http.post('/saao/targets/').set(bearer(member)).send({ name: 'Eta Carinae', target_class: 'AstronomicalObject' }).expect(201)).body;
    expect(target).toMatchObject({ organisation: 'saao', profile: 'portal-member' });
    const list = (await http.post('/saao/targetlists/').set(bearer(member)).send({ name: 'Southern', targets: [target] }).expect(201)).body;
    expect(list).toMatchObject({ organisation: 'saao', targets: [expect.objectContaining({ id: target.id })] });
    expect((await http.get('/saao/targets/').set(bearer(admin)).expect(200)).body).toEqual([expect.objectContaining({ id: target.id })]);
    expect((await http.get(`/targets/${target.id}/`).set(bearer(outsider)).expect(404)).body).toEqual({ detail: 'Not found.' });
    expect((await http.get('/saao/targetlists/').set(bearer(outsider)).expect(200)).body).toEqual([]);
  });

  it('answers an unknown portal with Arcsecond 404 {detail}', async () => {
    for (const path of ['/nowhere/datasets/', '/nowhere/telescopes/3f0b6c0e-6d1f-4c55-9d59-0c3b1c1d2e3f/', '/nowhere/datafiles/', '/nowhere/targets/', '/nowhere/members/', '/nowhere/profiles/portal-admin/']) {
      const res = await http.get(path).set(bearer(admin)).expect(404);
      expect(res.body).toEqual({ detail: 'Not found.' });
    }
  });
});

describe('Archive unknown paths', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("answers any unknown path under an archive list with Django REST's 404 {detail}, never the framework's body", async () => {
    const admin = await createUser(t.app, 'paths-admin', { admin: true });
    for (const path of ['/datasets/3f0b6c0e-6d1f-4c55-9d59-0c3b1c1d2e3f/files/', '/datafiles/1/download/extra/', '/telescopes/x/y/z', '/allskycameras/3f0b6c0e-6d1f-4c55-9d59-0c3b1c1d2e3f/images/1/']) {
      const res = await request(t.app.getHttpServer()).get(path).set({ ...REMOTE, Authorization: `Bearer ${admin.token}` }).expect(404);
      expect({ path, body: res.body }).toEqual({ path, body: { detail: 'Not found.' } });
    }
  });
});
