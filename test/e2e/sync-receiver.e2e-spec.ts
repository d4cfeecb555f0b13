import { readdir, readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EventBus, ManualClock } from '@app/core';
import { SYNC_ASSET_TYPES, type SyncReceivedEvent } from '@app/sync-api';
import { createUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { assetMetadata, CAMERA_UUID, EXTENSION, signSync, syncMultipart } from './sync-test-client';

const NOW = Date.parse('2026-11-22T05:02:30Z');
const MAX_BYTES = 256 * 1024;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('indi-allsky SyncAPI v1 receiver', () => {
  let t: TestApp;
  const clock = new ManualClock(NOW);
  let username: string;
  let apiKey: string;
  let cameraId: number;

  /** Sends one SyncAPI request the way indi-allsky's client does, signed at `at` (default: now). */
  const send = (method: 'get' | 'post' | 'put' | 'delete', path: string, metadata: Record<string, unknown> | string, media = Buffer.alloc(0), name = 'bogus.ext', opts: { at?: number; key?: string; user?: string } = {}) => {
    const json = typeof metadata === 'string' ? metadata : JSON.stringify(metadata);
    const { body, contentType } = syncMultipart(json, media, name);
    return request(t.app.getHttpServer())
      [method](`/indi-allsky/sync/v1/${path}`)
      .set('Authorization', signSync(opts.user ?? username, opts.key ?? apiKey, json, (opts.at ?? clock.nowMs()) / 1000))
      .set('Content-Type', contentType)
      .send(body);
  };
  /** A PUT with a body built by the test, signed over `json`. */
  const putBody = (type: string, json: string, contentType: string, body: Buffer | string) =>
    request(t.app.getHttpServer()).put(`/indi-allsky/sync/v1/${type}`).set('Authorization', signSync(username, apiKey, json, NOW / 1000)).set('Content-Type', contentType).send(body);
  const rows = async (type?: string) =>
    Number((await t.app.get(DataSource).query(`SELECT count(*) AS n FROM sync_assets ${type ? 'WHERE type = $1' : ''}`, type ? [type] : []))[0].n);
  const filesRoot = () => join(t.config.dataDir, 'files');

  beforeAll(async () => {
    t = await startTestApp({ clock, configure: { sync: { maxBytes: MAX_BYTES, workers: 1, retryMaxSeconds: 1, maxAttempts: 3 } } });
    const user = await createUser(t.app, 'syncuser', { roles: ['uploader'] });
    username = user.username;
    apiKey = (await user.key('upload', true)).key;
    const res = await send('put', 'camera', { type: 1, uuid: CAMERA_UUID, name: 'ZWO ASI178MC', utc_offset: -28800, latitude: 33.1, tz: 'America/Los_Angeles', data: { vs_a: 1 } }).expect(200);
    cameraId = res.body.id;
  });
  afterAll(() => t.close());

  describe('HMAC signature (computed here with node:crypto sha3-512)', () => {
    const cam = { id: 0, camera_uuid: CAMERA_UUID };
    const lookup = (opts: { at?: number; key?: string; user?: string; tamper?: boolean }) => {
      const json = JSON.stringify({ ...cam, id: cameraId });
      const sent = opts.tamper ? json.replace(CAMERA_UUID.slice(0, 1), 'f') : json;
      const { body, contentType } = syncMultipart(sent, Buffer.alloc(0), 'bogus.ext');
      return request(t.app.getHttpServer())
        .get('/indi-allsky/sync/v1/camera')
        .set('Authorization', signSync(opts.user ?? username, opts.key ?? apiKey, json, (opts.at ?? NOW) / 1000))
        .set('Content-Type', contentType)
        .send(body);
    };
    const bucketStart = Math.floor(NOW / 300_000) * 300_000;

    it.each([
      ['the current bucket', bucketStart],
      ['the last second of the current bucket', bucketStart + 299_999],
      ['one bucket ahead (client clock fast)', bucketStart + 300_000],
      ['one bucket behind', bucketStart - 300_000],
      ['four buckets behind (a long upload), first second', bucketStart - 4 * 300_000],
    ])('accepts a signature from %s', async (_label, at) => {
      await lookup({ at }).expect(200, { id: cameraId });
    });

    it.each([
      ['two buckets ahead', bucketStart + 2 * 300_000],
      ['five buckets behind, last second', bucketStart - 4 * 300_000 - 1],
    ])('refuses a signature from %s', async (_label, at) => {
      await lookup({ at }).expect(400, { error: 'authentication failed' });
    });

    it('refuses metadata changed by one byte after signing, a wrong key and an unknown user', async () => {
      await lookup({ tamper: true }).expect(400, { error: 'authentication failed' });
      await lookup({ key: 'f'.repeat(64) }).expect(400, { error: 'authentication failed' });
      await lookup({ user: 'nobody' }).expect(400, { error: 'authentication failed' });
    });

    it('refuses a missing Authorization header with the indi-allsky body', async () => {
      const { body, contentType } = syncMultipart('{}', Buffer.alloc(0), 'bogus.ext');
      await request(t.app.getHttpServer()).put('/indi-allsky/sync/v1/image').set('Content-Type', contentType).send(body).expect(400, { error: 'authentication failed' });
    });

    it('refuses a signing key of a user without sync:update', async () => {
      const viewer = await createUser(t.app, 'viewer1', { roles: ['viewer'] });
      const key = (await viewer.key('full', true)).key;
      await lookup({ user: 'viewer1', key }).expect(400, { error: 'authentication failed' });
    });
  });

  describe('camera registry', () => {
    it('names the camera "<name> <id>", keeps one row per uuid and prefers friendlyName', async () => {
      const ds = t.app.get(DataSource);
      expect((await ds.query('SELECT name, utc_offset, attributes, data FROM sync_cameras WHERE id = $1', [cameraId]))[0]).toMatchObject({
        name: `ZWO ASI178MC ${cameraId}`,
        utc_offset: -28800,
        attributes: { latitude: 33.1, tz: 'America/Los_Angeles', utc_offset: -28800 },
        data: { vs_a: 1 },
      });
      const again = await send('post', 'camera', { uuid: CAMERA_UUID, name: 'x', friendlyName: 'Backyard', utc_offset: -25200, data: { vs_b: 2 } }).expect(200);
      expect(again.body).toEqual({ id: cameraId });
      const row = (await ds.query('SELECT name, data FROM sync_cameras WHERE id = $1', [cameraId]))[0];
      expect(row).toEqual({ name: `Backyard ${cameraId}`, data: { vs_a: 1, vs_b: 2 } });
      await send('put', 'camera', { uuid: CAMERA_UUID, name: 'ZWO ASI178MC', utc_offset: -28800 }).expect(200);
    });

    it('answers camera_missing and not_implemented like indi-allsky', async () => {
      await send('get', 'camera', { id: cameraId + 100, camera_uuid: CAMERA_UUID }).expect(400, { error: 'camera_missing' });
      await send('delete', 'camera', { id: cameraId, camera_uuid: CAMERA_UUID }).expect(400, { error: 'not_implemented' });
    });

    it('refuses a file for a camera that was never registered', async () => {
      const media = Buffer.from('jpeg bytes');
      await send('put', 'image', assetMetadata('image', media.length, { camera_uuid: '00000000-0000-4000-8000-0000000000ff' }), media, 'x.jpg').expect(400, { error: 'camera not found' });
    });
  });

  describe.each(SYNC_ASSET_TYPES)('%s through POST, GET, PUT and DELETE', (type) => {
    it('stores, finds, refuses a duplicate POST, replaces on PUT and deletes', async () => {
      const first = Buffer.from(`${type} first version`);
      const meta = assetMetadata(type, first.length);
      const created = await send('post', type, meta, first, `original.${EXTENSION[type]}`).expect(200);
      expect(created.body).toEqual({ id: expect.any(Number), url: expect.stringMatching(new RegExp(`^images/ccd_${CAMERA_UUID}/.+\\.${EXTENSION[type]}$`)) });
      const path = join(filesRoot(), created.body.url.slice('images/'.length));
      expect(await readFile(path)).toEqual(first);

      await send('get', type, { id: created.body.id, camera_uuid: CAMERA_UUID }).expect(200, created.body);
      await send('post', type, meta, first, `again.${EXTENSION[type]}`).expect(400, { error: 'file_exists' });

      const second = Buffer.from(`${type} second, longer version`);
      const replaced = await send('put', type, assetMetadata(type, second.length), second, `new.${EXTENSION[type]}`).expect(200);
      expect(replaced.body.id).not.toBe(created.body.id);
      expect(await rows(type)).toBe(1);
      expect(await readFile(join(filesRoot(), replaced.body.url.slice('images/'.length)))).toEqual(second);
      await send('get', type, { id: created.body.id, camera_uuid: CAMERA_UUID }).expect(400, { error: 'file_missing' });

      await send('delete', type, { id: replaced.body.id, camera_uuid: CAMERA_UUID }).expect(200, {});
      expect(await rows(type)).toBe(0);
      expect(await listFiles(filesRoot())).toEqual([]);
      await send('delete', type, { id: replaced.body.id, camera_uuid: CAMERA_UUID }).expect(400, { error: 'file_missing' });
    });
  });

  describe('sync.received on the event bus (dashboards show a new image at once)', () => {
    it('is published once an upload is stored, naming the asset, and not for a refused one', async () => {
      const received: SyncReceivedEvent[] = [];
      const subscription = t.app.get(EventBus).on('sync.received').subscribe(({ payload }) => received.push(payload));
      try {
        const media = Buffer.from('an image announced on the bus');
        const meta = assetMetadata('image', media.length, { createDate: 1795300777 });
        const created = await send('post', 'image', meta, media, 'sky.jpg').expect(200);
        expect(received).toEqual([{ id: created.body.id, type: 'image', cameraId, createDate: expect.stringMatching(/^2026-11-2\dT/), stored: true }]);
        await send('post', 'image', meta, media, 'sky.jpg').expect(400, { error: 'file_exists' });
        await send('post', 'image', assetMetadata('image', media.length + 1, { createDate: 1795300778 }), media, 'sky.jpg').expect(400, { error: 'authentication failed' });
        expect(received).toHaveLength(1);
        await send('delete', 'image', { id: created.body.id, camera_uuid: CAMERA_UUID }).expect(200, {});
      } finally {
        subscription.unsubscribe();
      }
    });
  });

  describe('duplicate rules', () => {
    it('timelapse types: same dayDate and night is a duplicate whatever the createDate; day and night are separate', async () => {
      const media = Buffer.from('mp4');
      await send('post', 'video', assetMetadata('video', 3, { createDate: 1795300000 }), media, 'a.mp4').expect(200);
      await send('post', 'video', assetMetadata('video', 3, { createDate: 1795309999 }), media, 'b.mp4').expect(400, { error: 'file_exists' });
      await send('post', 'video', assetMetadata('video', 3, { night: false }), media, 'c.mp4').expect(200);
      await send('post', 'video', assetMetadata('video', 3, { dayDate: '20261123' }), media, 'd.mp4').expect(200);
      expect(await rows('video')).toBe(3);
      const replaced = await send('put', 'video', assetMetadata('video', 3, { createDate: 1795309999 }), media, 'e.mp4').expect(200);
      expect(await rows('video')).toBe(3);
      // The replaced entry's file (another name: the timestamp is part of it) is gone too.
      const videos = (await listFiles(filesRoot())).filter((f) => f.endsWith('.mp4'));
      expect(videos).toHaveLength(3);
      expect(videos.map((f) => f.slice(filesRoot().length + 1))).toContain(replaced.body.url.slice('images/'.length));
      await t.app.get(DataSource).query(`DELETE FROM sync_assets WHERE type = 'video'`);
    });

    it('images: the same remapped createDate is a duplicate, another second is not', async () => {
      const media = Buffer.from('jpg');
      await send('post', 'fitsimage', assetMetadata('fitsimage', 3), media, 'a.fits').expect(200);
      await send('post', 'fitsimage', assetMetadata('fitsimage', 3, { createDate: 1795300501 }), media, 'b.fits').expect(200);
      await send('post', 'fitsimage', assetMetadata('fitsimage', 3, { createDate: 1795300500.4 }), media, 'c.fits').expect(400, { error: 'file_exists' });
      expect(await rows('fitsimage')).toBe(2);
    });

    it('thumbnails: the same uuid is a duplicate (400 on POST where indi-allsky crashes)', async () => {
      const media = Buffer.from('thumb');
      await send('post', 'thumbnail', assetMetadata('thumbnail', 5), media, 't.jpg').expect(200);
      await send('post', 'thumbnail', assetMetadata('thumbnail', 5, { createDate: 1795399999 }), media, 't.jpg').expect(400, { error: 'file_exists' });
      await send('post', 'thumbnail', assetMetadata('thumbnail', 5, { uuid: 'a1b2c3d4-0000-4000-8000-000000000002' }), media, 't.jpg').expect(200);
    });
  });

  describe('empty-file mode (indi-allsky SYNCAPI.EMPTY_FILE / S3)', () => {
    it('stores the row without a file when file_size is 0 and the media part is empty', async () => {
      const res = await send('put', 'startrail', assetMetadata('startrail', 0, { dayDate: '20261205', s3_key: 'bucket/key.jpg' }), Buffer.alloc(0), 'startrail.jpg').expect(200);
      const row = (await t.app.get(DataSource).query('SELECT stored, file_size, metadata FROM sync_assets WHERE id = $1', [res.body.id]))[0];
      expect(row).toMatchObject({ stored: false, metadata: expect.objectContaining({ s3_key: 'bucket/key.jpg' }) });
      expect(Number(row.file_size)).toBe(0);
      expect(await listFiles(join(filesRoot(), `ccd_${CAMERA_UUID}`, '20261205'))).toEqual([]);
    });
  });

  describe('time remapping and camera utc_offset', () => {
    it('stores the site wall-clock without zone and the true instant as timestamptz, and updates utc_offset', async () => {
      const media = Buffer.from('raw');
      // 1795300500 = 2026-11-21T22:35:00Z; the camera is at UTC+02:00 this time: past local midnight.
      const res = await send('put', 'rawimage', assetMetadata('rawimage', 3, { utc_offset: 7200 }), media, 'r.png').expect(200);
      const row = (await t.app.get(DataSource).query(`SELECT to_char(local_date, 'YYYY-MM-DD"T"HH24:MI:SS') AS local, create_date AS instant FROM sync_assets WHERE id = $1`, [res.body.id]))[0];
      expect(row.local).toBe('2026-11-22T00:35:00');
      expect(new Date(row.instant).toISOString()).toBe('2026-11-21T22:35:00.000Z');
      // Night images of one night share a folder dated 12 h earlier; hour folder DD_HH is local.
      expect(res.body.url).toBe(`images/ccd_${CAMERA_UUID}/export/20261121/night/22_00/raw_ccd${cameraId}_20261122_003500.png`);
      expect((await t.app.get(DataSource).query('SELECT utc_offset FROM sync_cameras WHERE id = $1', [cameraId]))[0].utc_offset).toBe(7200);
    });
  });

  describe('bad input', () => {
    it('size mismatch answers authentication failed (as indi-allsky) and keeps nothing', async () => {
      const before = await rows();
      await send('put', 'keogram', assetMetadata('keogram', 999, { dayDate: '20261201' }), Buffer.from('short'), 'k.jpg').expect(400, { error: 'authentication failed' });
      expect(await rows()).toBe(before);
      expect(await readdir(join(t.config.dataDir, 'tmp'))).toEqual([]);
    });

    it('names a missing metadata key and invalid JSON with 400 (indi-allsky: 500 HTML)', async () => {
      const meta = assetMetadata('image', 1);
      delete meta.dayDate;
      delete meta.exposure;
      await send('put', 'image', meta, Buffer.from('x'), 'x.jpg').expect(400, { error: 'missing metadata keys: dayDate, exposure' });
      await send('put', 'image', '{"camera_uuid": ', Buffer.from('x'), 'x.jpg').expect(400).expect((r) => expect(r.body.error).toMatch(/^metadata is not valid JSON/));
      await send('put', 'startrail', assetMetadata('startrail', 1, { dayDate: '2026-11-22' }), Buffer.from('x'), 'x.jpg').expect(400, { error: 'metadata key dayDate must be YYYYMMDD' });
    });

    it('never turns a client file name into a path: only a checked extension is kept', async () => {
      const media = Buffer.from('evil');
      const res = await send('put', 'panoramaimage', assetMetadata('panoramaimage', 4, { createDate: 1795300777 }), media, '../../../../tmp/evil/../x.JPG').expect(200);
      expect(res.body.url).toMatch(new RegExp(`^images/ccd_${CAMERA_UUID}/panoramas/\\d{8}/night/\\d\\d_\\d\\d/panorama_ccd${cameraId}_\\d{8}_\\d{6}\\.jpg$`));
      for (const f of await listFiles(t.config.dataDir)) expect(f).not.toContain('evil');
      await send('put', 'panoramaimage', assetMetadata('panoramaimage', 4, { createDate: 1795300778 }), media, 'shell.sh').expect(400).expect((r) => expect(r.body.error).toMatch(/must end in one of/));
      await send('put', 'thumbnail', assetMetadata('thumbnail', 4, { uuid: '../../x' }), media, 't.jpg').expect(400, { error: 'metadata key uuid must be a UUID' });
    });

    it('refuses a body whose closing boundary is missing and keeps nothing, though the media part was whole', async () => {
      const media = Buffer.from('whole media, no closing boundary');
      const json = JSON.stringify(assetMetadata('startrail', media.length, { dayDate: '20261215' }));
      const { body, contentType } = syncMultipart(json, media, 's.jpg');
      const truncated = body.subarray(0, body.lastIndexOf('\r\n--'));
      const before = await rows();
      await putBody('startrail', json, contentType, truncated).expect(400, { error: 'malformed multipart body: the multipart body ended before its closing boundary' });
      expect(await rows()).toBe(before);
      expect(await readdir(join(t.config.dataDir, 'tmp'))).toEqual([]);
      expect(await listFiles(join(filesRoot(), `ccd_${CAMERA_UUID}`, '20261215'))).toEqual([]);
    });

    it('names what is wrong with a body that is not multipart/form-data', async () => {
      const json = JSON.stringify(assetMetadata('image', 1));
      await putBody('image', json, 'application/json', json).expect(400, { error: 'the body must be multipart/form-data, not "application/json", with a metadata part and a media part' });
    });

    it('refuses media before metadata, and an unknown type', async () => {
      const json = JSON.stringify(assetMetadata('image', 1));
      const { body, contentType } = syncMultipart(json, Buffer.from('x'), 'x.jpg', 'media-first');
      await putBody('image', json, contentType, body).expect(400, { error: 'the metadata part must come before the media part' });
      await send('put', 'bogus', assetMetadata('image', 1), Buffer.from('x'), 'x.jpg').expect(404, { error: 'unknown SyncAPI type "bogus"' });
    });
  });

  describe('size limit and dropped connections', () => {
    let port: number;
    beforeAll(async () => {
      await t.app.listen(0, '127.0.0.1');
      port = (t.app.getHttpServer().address() as AddressInfo).port;
    });

    /** Sends head + part of a body over a raw socket; resolves with the status, or 0 when none came. */
    const rawUpload = (headers: Record<string, string | number>, chunks: Buffer[], end: 'end' | 'drop') =>
      new Promise<number>((resolve) => {
        const req = httpRequest({ port, host: '127.0.0.1', method: 'PUT', path: '/indi-allsky/sync/v1/startrailvideo', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', () => resolve(0));
        for (const c of chunks) req.write(c);
        if (end === 'end') req.end();
        else setTimeout(() => { req.destroy(); resolve(0); }, 300);
      });

    it('answers 413 from Content-Length before reading, and stops a chunked body past the limit', async () => {
      const big = Buffer.alloc(MAX_BYTES + 1, 7);
      const json = JSON.stringify(assetMetadata('startrailvideo', big.length, { dayDate: '20261210' }));
      const { body, contentType } = syncMultipart(json, big, 'big.mp4');
      const auth = signSync(username, apiKey, json, NOW / 1000);
      const declared = await request(t.app.getHttpServer()).put('/indi-allsky/sync/v1/startrailvideo').set('Authorization', auth).set('Content-Type', contentType).send(body);
      expect(declared.status).toBe(413);
      expect(declared.body.error).toMatch(/exceeds the limit/);
      const chunked = await rawUpload({ Authorization: auth, 'Content-Type': contentType, 'Transfer-Encoding': 'chunked' }, [body], 'end');
      expect(chunked).toBe(413);
      expect(await rows('startrailvideo')).toBe(0);
      expect(await readdir(join(t.config.dataDir, 'tmp'))).toEqual([]);
    });

    it('counts preamble and epilogue too: a chunked body past the limit is cut off there as well', async () => {
      const media = Buffer.from('small media');
      const json = JSON.stringify(assetMetadata('startrailvideo', media.length, { dayDate: '20261212' }));
      const { body, contentType } = syncMultipart(json, media, 'small.mp4');
      const epilogue = Buffer.alloc(MAX_BYTES, 0x2e);
      const status = await rawUpload({ Authorization: signSync(username, apiKey, json, NOW / 1000), 'Content-Type': contentType, 'Transfer-Encoding': 'chunked' }, [body, epilogue], 'end');
      expect(status).toBe(413);
      expect(await rows('startrailvideo')).toBe(0);
      expect(await readdir(join(t.config.dataDir, 'tmp'))).toEqual([]);
    });

    it('a connection dropped halfway leaves no file and no row', async () => {
      const media = Buffer.alloc(200 * 1024, 3);
      const json = JSON.stringify(assetMetadata('startrailvideo', media.length, { dayDate: '20261211' }));
      const { body, contentType } = syncMultipart(json, media, 'half.mp4');
      const status = await rawUpload({ Authorization: signSync(username, apiKey, json, NOW / 1000), 'Content-Type': contentType, 'Content-Length': body.length }, [body.subarray(0, 120 * 1024)], 'drop');
      expect(status).toBe(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(await rows('startrailvideo')).toBe(0);
      expect(await readdir(join(t.config.dataDir, 'tmp'))).toEqual([]);
      expect((await listFiles(filesRoot())).filter((f) => f.includes('startrail_timelapse'))).toEqual([]);
    });
  });
});
