import request from 'supertest';
import { ApiKeyService } from '@app/auth';
import { BZIP2_FITS, gzipOf, zipOf } from '../../libs/archive/test/archive-builders';
import { fitsFile, fitsHeader, valueCard, xisfFile } from '../../libs/core/test/header-builders';
import { createUser, REMOTE, type TestUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

const MISSING = '3f0b6c0e-6d1f-4c55-9d59-0c3b1c1d2e3f';

describe('Archive (Arcsecond-compatible) end to end', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let admin: TestUser;
  let member: TestUser;
  let full: string;
  let upload: string;
  let site: { uuid: string };
  let telescope: { uuid: string };
  let dataset: { uuid: string };

  const as = (key: string) => ({ ...REMOTE, 'X-Arcsecond-API-Authorization': `Key ${key}` });
  const bearer = (u: TestUser) => ({ ...REMOTE, Authorization: `Bearer ${u.token}` });
  const send = (key: string, name: string, bytes: Buffer, fields: Record<string, string> = {}) => {
    let req = http.post('/datafiles/').set(as(key));
    for (const [k, v] of Object.entries({ dataset: dataset.uuid, is_raw: 'True', ...fields })) req = req.field(k, v);
    return req.attach('file', bytes, { filename: name, contentType: 'application/octet-stream' });
  };
  const light = (date: string, extra: Record<string, string> = {}) =>
    fitsFile({ IMAGETYP: "'Light Frame'", OBJECT: "'M 31'", EXPTIME: '1.2D+02', FILTER: "'Ha'", INSTRUME: "'ASI2600MM'", 'DATE-OBS': `'${date}'`, ...extra }, 8000);

  beforeAll(async () => {
    t = await startTestApp({ configure: { archive: { maxDecompressedBytes: 4 * 1024 * 1024, pageSize: 2 } } });
    http = request(t.app.getHttpServer());
    admin = await createUser(t.app, 'archivist', { admin: true });
    // The uploader role only uploads (no archive PATCH or DELETE): an observer who curates holds archive:update too.
    await http.post('/roles').set(REMOTE).set('Authorization', `Bearer ${admin.token}`).send({ name: 'curator', permissions: { archive: ['read', 'update'] } }).expect(201);
    member = await createUser(t.app, 'observer', { roles: ['operator', 'uploader', 'curator'] });
    full = (await member.key('full')).key;
    upload = (await member.key('upload')).key;
  });
  afterAll(() => t.close());

  describe('keys', () => {
    it('auth/key/verify/ answers 204 for a valid pair, full or upload key, and 401 {detail} otherwise', async () => {
      await http.post('/auth/key/verify/').set(REMOTE).send({ username: 'observer', key: full }).expect(204);
      await http.post('/auth/key/verify').set(REMOTE).send({ username: 'observer', key: upload }).expect(204);
      const wrongUser = await http.post('/auth/key/verify/').set(REMOTE).send({ username: 'archivist', key: full }).expect(401);
      expect(wrongUser.body).toEqual({ detail: expect.any(String) });
      const revoked = await member.key('full');
      await t.app.get(ApiKeyService).revoke(member.id, revoked.id);
      await http.post('/auth/key/verify/').set(REMOTE).send({ username: 'observer', key: revoked.key }).expect(401);
    });

    it('refuses remote callers without a key with {detail}', async () => {
      const res = await http.get('/datasets/').set(REMOTE).expect(401);
      expect(res.body).toEqual({ detail: expect.any(String) });
    });

    it('serves the caller its profile, not another user', async () => {
      const res = await http.get('/profiles/observer/').set(as(full)).expect(200);
      expect(res.body).toMatchObject({ username: 'observer', memberships: [{ organisation: { subdomain: 'local' } }] });
      await http.get('/profiles/archivist/').set(as(full)).expect(403);
    });
  });

  describe('observing sites and telescopes', () => {
    it('lets only administrators create them (configurable), with and without trailing slash', async () => {
      const refused = await http.post('/observingsites/').set(as(full)).send({ name: 'Nope' }).expect(403);
      expect(refused.body.detail).toMatch(/permission/);
      const created = await http
        .post('/observingsites/')
        .set(bearer(admin))
        .send({ name: 'Paris Observatory', short_name: 'OBSPM', coordinates: { longitude: 2.336, latitude: 48.836, height: 67 }, time_zone: 'Europe/Paris' })
        .expect(201);
      site = created.body;
      expect(site).toMatchObject({ short_name: 'OBSPM', time_zone: 'Europe/Paris', telescopes: [] });
      await http.post('/observingsites').set(bearer(admin)).send({ name: 'Bad zone', time_zone: 'Mars/Olympus' }).expect(400);
      const tel = await http.post('/telescopes').set(bearer(admin)).send({ name: 'RedCat 51', observing_site: site.uuid }).expect(201);
      telescope = tel.body;
      expect(tel.body.coordinates).toEqual({ longitude: 2.336, latitude: 48.836, height: 67 });
      await http.post('/telescopes/').set(as(full)).send({ name: 'Mine' }).expect(403);
    });

    it('reads them back: list (bare array, or paginated with ?page=), detail, patch, delete', async () => {
      const list = await http.get('/observingsites/').set(as(upload)).expect(200);
      expect(list.body).toEqual([expect.objectContaining({ uuid: site.uuid, telescopes: [telescope.uuid] })]);
      await http.get(`/observingsites/${site.uuid}`).set(as(upload)).expect(200);
      await http.get(`/telescopes/${telescope.uuid}/`).set(as(upload)).expect(200);
      const extra = await http.post('/observingsites/').set(bearer(admin)).send({ name: 'Temp' }).expect(201);
      await http.post('/observingsites/').set(bearer(admin)).send({ name: 'Temp 2' }).expect(201);
      const page1 = await http.get('/observingsites/?page=1').set(as(full)).expect(200);
      expect(page1.body).toMatchObject({ count: 3, previous: null, next: '/observingsites/?page=2' });
      expect(page1.body.results).toHaveLength(2);
      const page2 = await http.get('/observingsites?page=2').set(as(full)).expect(200);
      expect(page2.body).toMatchObject({ count: 3, next: null, previous: '/observingsites/?page=1' });
      const patched = await http.patch(`/observingsites/${extra.body.uuid}/`).set(bearer(admin)).send({ short_name: 'T' }).expect(200);
      expect(patched.body).toMatchObject({ name: 'Temp', short_name: 'T' });
      await http.patch(`/observingsites/${extra.body.uuid}`).set(as(full)).send({ short_name: 'X' }).expect(403);
      await http.delete(`/observingsites/${extra.body.uuid}/`).set(bearer(admin)).expect(204);
      await http.get(`/observingsites/${extra.body.uuid}/`).set(as(full)).expect(404);
      await http.patch(`/telescopes/${telescope.uuid}`).set(bearer(admin)).send({ acronym: 'RC51' }).expect(200);
      expect((await http.get(`/telescopes/?observing_site=${site.uuid}`).set(as(full)).expect(200)).body).toHaveLength(1);
    });

    it('answers 404 {"detail"} for malformed, non-v4 and unknown UUIDs', async () => {
      for (const path of ['/telescopes/not-a-uuid/', `/telescopes/${MISSING}/`, '/telescopes/3f0b6c0e-6d1f-1c55-9d59-0c3b1c1d2e3f', '/datafiles/abc/', '/datafiles/99999']) {
        const res = await http.get(path).set(as(full)).expect(404);
        expect(res.body).toEqual({ detail: 'Not found.' });
      }
    });

    it('answers 405 {"detail"} for PUT/PATCH/DELETE on lists and PUT on details', async () => {
      for (const [method, path] of [
        ['put', '/datasets/'],
        ['put', '/observingsites'],
        ['patch', '/telescopes/'],
        ['delete', '/nightlogs/'],
        ['put', `/datasets/${MISSING}/`],
      ] as const) {
        const res = await http[method](path).set(as(full)).send({}).expect(405);
        expect(res.body).toEqual({ detail: `Method "${method.toUpperCase()}" not allowed.` });
      }
    });
  });

  describe('datasets, packages and the upload key', () => {
    it('lets an upload key create and find datasets, and nothing beyond its scope', async () => {
      const created = await http.post('/datasets/').set(as(upload)).send({ name: 'M31 run', telescope: telescope.uuid, tags: ['raw', 'm31'] }).expect(201);
      dataset = created.body;
      expect(created.body).toMatchObject({ name: 'M31 run', telescope: telescope.uuid, tags: ['raw', 'm31'], data_files_count: 0 });
      await http.post('/datasets').set(as(full)).send({ name: 'Other', tags: ['flat'] }).expect(201);
      const byName = await http.get('/datasets/?name=M31%20run').set(as(upload)).expect(200);
      expect(byName.body).toEqual([expect.objectContaining({ uuid: dataset.uuid })]);
      expect((await http.get('/datasets/?tags=m31,raw').set(as(full))).body).toHaveLength(1);
      expect((await http.get('/datasets/?tags=m31,flat').set(as(full))).body).toHaveLength(0);
      expect((await http.get('/datasets/?name=nothing').set(as(full))).body).toEqual([]);
      await http.get(`/datasets/${dataset.uuid}/`).set(as(upload)).expect(200);
      // Refused to the upload key: patching or deleting datasets, night logs, sites, packages.
      await http.patch(`/datasets/${dataset.uuid}/`).set(as(upload)).send({ name: 'x' }).expect(403);
      await http.delete(`/datasets/${dataset.uuid}/`).set(as(upload)).expect(403);
      await http.get('/nightlogs/').set(as(upload)).expect(403);
      await http.get('/datafiles/').set(as(upload)).expect(403);
      await http.get('/datapackages/').set(as(upload)).expect(403);
      await http.post('/allskycameras/').set(as(upload)).send({ name: 'x' }).expect(403);
      const patched = await http.patch(`/datasets/${dataset.uuid}`).set(as(full)).send({ tags: ['raw', 'm31', 'good'] }).expect(200);
      expect(patched.body.tags).toEqual(['raw', 'm31', 'good']);
    });

    it('creates, patches and deletes data packages', async () => {
      const pkg = await http.post('/datapackages/').set(as(full)).send({ name: 'Release', datasets: [dataset.uuid] }).expect(201);
      await http.patch(`/datapackages/${pkg.body.uuid}/`).set(as(full)).send({ description: 'first' }).expect(200);
      expect((await http.get(`/datapackages/${pkg.body.uuid}`).set(as(full))).body).toMatchObject({ description: 'first', datasets: [dataset.uuid] });
      await http.delete(`/datapackages/${pkg.body.uuid}`).set(as(full)).expect(204);
      await http.get(`/datapackages/${pkg.body.uuid}`).set(as(full)).expect(404);
    });

    it('takes all-sky cameras and their images, the images from an upload key', async () => {
      const cam = await http.post('/allskycameras/').set(as(full)).send({ name: 'Roof', observing_site: site.uuid }).expect(201);
      await http.get(`/allskycameras/${cam.body.uuid}/`).set(as(upload)).expect(200);
      const img = await http
        .post(`/allskycameras/${cam.body.uuid}/images/`)
        .set(as(upload))
        .field('camera', cam.body.uuid)
        .field('utc_timestamp', '2026-11-22T02:00:00Z')
        .attach('file', Buffer.from('jpeg bytes'), 'sky.jpg')
        .expect(201);
      expect(img.body).toMatchObject({ camera: cam.body.uuid, utc_timestamp: '2026-11-22T02:00:00.000Z', file_name: 'sky.jpg', size: 10 });
      await http.post(`/allskycameras/${cam.body.uuid}/images`).set(as(upload)).attach('file', Buffer.from('x'), 'a.jpg').expect(400);
      expect((await http.get(`/allskycameras/${cam.body.uuid}/images`).set(as(full))).body).toHaveLength(1);
      await http.patch(`/allskycameras/${cam.body.uuid}`).set(as(full)).send({ name: 'Roof 2' }).expect(200);
      await http.delete(`/allskycameras/${cam.body.uuid}/`).set(as(full)).expect(204);
    });
  });

  describe('data files and ingest', () => {
    let firstNight: string;

    it('stores a FITS upload from an upload key, ingests an observation into the night log of local noon to noon', async () => {
      // 2026-01-15 22:00Z = 23:00 CET: the night of 2026-01-15
      const res = await send(upload, 'm31_001.fits', light('2026-01-15T22:00:00')).expect(201);
      expect(res.body).toMatchObject({ file_name: 'm31_001.fits', dataset: dataset.uuid, is_raw: true, format: 'fits', compression: 'none', header_status: 'parsed' });
      expect(res.body.header).toMatchObject({ OBJECT: 'M 31', EXPTIME: 120 });
      expect(Number.isInteger(res.body.id)).toBe(true);
      const obs = await http.get(`/observations/?dataset=${dataset.uuid}`).set(as(full)).expect(200);
      expect(obs.body).toEqual([expect.objectContaining({ uuid: res.body.observation, target_name: 'M 31', exposure_time: 120, filter: 'Ha', instrument: 'ASI2600MM', date_source: 'DATE-OBS' })]);
      const logs = await http.get(`/nightlogs/?date=2026-01-15&telescope=${telescope.uuid}`).set(as(full)).expect(200);
      expect(logs.body).toHaveLength(1);
      firstNight = logs.body[0].uuid;
      expect(obs.body[0].night_log).toBe(firstNight);
    });

    it('files a frame taken before the next local noon in the same night, and after it in the next', async () => {
      // 10:59Z = 11:59 CET on the 16th: still the night of the 15th; 11:00Z = 12:00 CET: the 16th
      await send(full, 'm31_002.fits', light('2026-01-16T10:59:00')).expect(201);
      await send(full, 'm31_003.fits', light('2026-01-16T11:00:00')).expect(201);
      const sameNight = await http.get(`/observations/?night_log=${firstNight}&dataset=${dataset.uuid}`).set(as(full)).expect(200);
      expect(sameNight.body.map((o: { name: string }) => o.name).sort()).toEqual(['m31_001.fits', 'm31_002.fits']);
      const logs = await http.get(`/nightlogs/?telescope=${telescope.uuid}`).set(as(full)).expect(200);
      expect(logs.body.map((l: { date: string }) => l.date)).toEqual(['2026-01-15', '2026-01-16']);
      expect((await http.get('/observations/?target_name=M%2031').set(as(full))).body).toHaveLength(3);
    });

    it('refuses a second file of the same name in a dataset with Arcsecond\'s text', async () => {
      const res = await send(upload, 'm31_001.fits', light('2026-01-15T22:00:00')).expect(400);
      expect(res.body.detail).toMatch(/already exists in dataset/);
    });

    it('turns bias, dark and flat frames into calibrations, and falls back to DATE with a flag', async () => {
      await send(full, 'dark_001.fits', fitsFile({ IMAGETYP: "'Dark Frame'", EXPTIME: '120.', DATE: "'2026-01-16T08:00:00'" })).expect(201);
      const cal = await http.get(`/calibrations/?dataset=${dataset.uuid}`).set(as(full)).expect(200);
      expect(cal.body).toEqual([expect.objectContaining({ name: 'dark_001.fits', calibration_type: 'dark', date_source: 'DATE', night_log: firstNight })]);
      await http.get(`/observations/${cal.body[0].uuid}/`).set(as(full)).expect(404);
    });

    it('reads FITS inside .gz, .gzip, .bz2, .bzip2 and .zip uploads, by content', async () => {
      const fits = light('2026-01-16T20:00:00');
      const cases: [string, Buffer, string][] = [
        ['a.fits.gz', gzipOf(fits), 'gzip'],
        ['b.fits.gzip', gzipOf(fits), 'gzip'],
        ['c.fits.bz2', BZIP2_FITS, 'bzip2'],
        ['d.fits.bzip2', BZIP2_FITS, 'bzip2'],
        ['e.zip', zipOf('e.fits', fits), 'zip'],
        ['no-extension', fits, 'none'],
      ];
      for (const [name, bytes, compression] of cases) {
        const res = await send(full, name, bytes).expect(201);
        expect(res.body).toMatchObject({ format: 'fits', compression, header_status: 'parsed' });
      }
    });

    it('reads XISF FITSKeywords', async () => {
      const xisf = xisfFile([
        { name: 'IMAGETYP', value: "'Flat Field'" },
        { name: 'FILTER', value: "'L'" },
        { name: 'DATE-OBS', value: "'2026-01-16T17:00:00'" },
      ]);
      const res = await send(full, 'flat.xisf', xisf).expect(201);
      expect(res.body).toMatchObject({ format: 'xisf', header_status: 'parsed', calibration: expect.any(String) });
      expect((await http.get(`/calibrations/${res.body.calibration}`).set(as(full))).body).toMatchObject({ calibration_type: 'flat', filter: 'L' });
    });

    it('refuses a zip bomb and a gzip bomb with a clear 413', async () => {
      const zeros = Buffer.alloc(16 * 1024 * 1024);
      for (const [name, bytes] of [
        ['bomb.zip', zipOf('bomb.fits', Buffer.concat([light('2026-01-16T20:00:00'), zeros]))],
        ['bomb.fits.gz', gzipOf(Buffer.concat([light('2026-01-16T20:00:00'), zeros]))],
      ] as const) {
        const res = await send(full, name, bytes).expect(413);
        expect(res.body.detail).toMatch(/exceeds 4194304 bytes; refused as a possible zip bomb/);
      }
      expect((await http.get(`/datafiles/?dataset=${dataset.uuid}`).set(as(full))).body.map((f: { file_name: string }) => f.file_name)).not.toContain('bomb.zip');
    });

    it('keeps a file whose header cannot be read, with its status and reason', async () => {
      const noEnd = fitsHeader([valueCard('SIMPLE', 'T'), valueCard('BITPIX', '8'), valueCard('NAXIS', '0'), valueCard('OBJECT', "'M 1'")], { end: false });
      const res = await send(full, 'broken.fits', noEnd).expect(201);
      expect(res.body).toMatchObject({ format: 'fits', header_status: 'partial', header_error: expect.stringMatching(/missing-end/) });
      const text = await send(full, 'notes.txt', Buffer.from('observing notes')).expect(201);
      expect(text.body).toMatchObject({ format: 'other', header_status: 'not-applicable', observation: null, calibration: null });
    });

    it('refuses uploads without a file, without a valid dataset, or with a hidden name', async () => {
      await http.post('/datafiles/').set(as(full)).field('dataset', dataset.uuid).expect(400);
      const json = await http.post('/datafiles/').set(as(full)).send({ dataset: dataset.uuid }).expect(400);
      expect(json.body.detail).toMatch(/multipart\/form-data/);
      await send(full, 'x.fits', light('2026-01-16T20:00:00'), { dataset: MISSING }).expect(400);
      await send(full, '.hidden.fits', light('2026-01-16T20:00:00')).expect(400);
    });

    it('lists, pages, patches, downloads and deletes data files', async () => {
      const all = await http.get(`/datafiles?dataset=${dataset.uuid}`).set(as(full)).expect(200);
      const page = await http.get(`/datafiles/?dataset=${dataset.uuid}&page=1`).set(as(full)).expect(200);
      expect(page.body).toMatchObject({ count: all.body.length, next: `/datafiles/?dataset=${dataset.uuid}&page=2` });
      const first = all.body[0];
      const patched = await http.patch(`/datafiles/${first.id}/`).set(as(full)).send({ tags: ['oort|origin|test'] }).expect(200);
      expect(patched.body.tags).toEqual(['oort|origin|test']);
      const bytes = await http.get(`/datafiles/${first.id}/download/`).set(as(full)).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect((bytes.body as Buffer).length).toBe(first.size);
      expect((await http.get(`/datasets/${dataset.uuid}`).set(as(full))).body.data_files_count).toBe(all.body.length);
      await http.delete(`/datafiles/${first.id}/`).set(as(full)).expect(204);
      await http.get(`/datafiles/${first.id}`).set(as(full)).expect(404);
      await http.get(`/observations/${first.observation}/`).set(as(full)).expect(404);
    });

    it('creates, patches and deletes night logs and observations by hand (one night log per night and telescope)', async () => {
      const dup = await http.post('/nightlogs/').set(as(full)).send({ date: '2026-01-15', telescope: telescope.uuid }).expect(400);
      expect(dup.body).toEqual({ non_field_errors: [expect.stringMatching(/one per night and telescope/)] });
      const log = await http.post('/nightlogs').set(as(full)).send({ date: '2026-02-01', telescope: telescope.uuid }).expect(201);
      const obs = await http.post('/observations/').set(as(full)).send({ name: 'visual', target_name: 'Moon', night_log: log.body.uuid }).expect(201);
      await http.patch(`/observations/${obs.body.uuid}/`).set(as(full)).send({ target_name: 'Jupiter' }).expect(200);
      await http.patch(`/nightlogs/${log.body.uuid}/`).set(as(full)).send({ date: '2026-02-02' }).expect(200);
      await http.delete(`/observations/${obs.body.uuid}`).set(as(full)).expect(204);
      await http.delete(`/nightlogs/${log.body.uuid}/`).set(as(full)).expect(204);
      const cal = await http.post('/calibrations/').set(as(full)).send({ name: 'bias set' }).expect(201);
      await http.patch(`/calibrations/${cal.body.uuid}`).set(as(full)).send({ name: 'bias set 2' }).expect(200);
      await http.delete(`/calibrations/${cal.body.uuid}/`).set(as(full)).expect(204);
    });

    it('deletes a dataset with its files', async () => {
      await http.delete(`/datasets/${dataset.uuid}/`).set(as(full)).expect(204);
      expect((await http.get(`/datafiles/?dataset=${dataset.uuid}`).set(as(full))).body).toEqual([]);
    });
  });
});
