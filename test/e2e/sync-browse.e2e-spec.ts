import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createUser, REMOTE, type TestUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { assetMetadata, CAMERA_UUID, signSync, syncMultipart } from './sync-test-client';

/** supertest leaves unknown content types unparsed; collect the raw bytes. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('sync assets: browsing, and concurrent uploads of one entry', () => {
  let t: TestApp;
  let uploader: TestUser;
  let apiKey: string;
  let viewer: TestUser;
  let cameraId: number;

  const send = (method: 'put' | 'post', type: string, metadata: Record<string, unknown>, media: Buffer, name: string) => {
    const json = JSON.stringify(metadata);
    const { body, contentType } = syncMultipart(json, media, name);
    return request(t.app.getHttpServer())
      [method](`/indi-allsky/sync/v1/${type}`)
      .set(REMOTE)
      .set('Authorization', signSync(uploader.username, apiKey, json, Date.now() / 1000))
      .set('Content-Type', contentType)
      .send(body);
  };
  const get = (path: string, token = viewer.token) => request(t.app.getHttpServer()).get(path).set(REMOTE).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startTestApp();
    uploader = await createUser(t.app, 'uploader1', { roles: ['uploader'] });
    apiKey = (await uploader.key('upload', true)).key;
    viewer = await createUser(t.app, 'viewer1', { roles: ['viewer'] });
    cameraId = (await send('put', 'camera', { uuid: CAMERA_UUID, name: 'cam', utc_offset: 3600 }, Buffer.alloc(0), 'bogus.ext').expect(200)).body.id;
    // Three nights of images (two per night) and one keogram.
    for (const [i, day] of ['20261119', '20261120', '20261121'].entries()) {
      for (const k of [0, 1]) {
        const media = Buffer.from(`image ${day} ${k}`);
        await send('put', 'image', assetMetadata('image', media.length, { dayDate: day, createDate: 1795100000 + i * 86400 + k * 60 }), media, 'i.jpg').expect(200);
      }
    }
    await send('put', 'keogram', assetMetadata('keogram', 4, { dayDate: '20261121' }), Buffer.from('keog'), 'k.png').expect(200);
  });
  afterAll(() => t.close());

  it('two concurrent PUTs of one entry end with one row and one whole file matching it', async () => {
    const a = Buffer.alloc(3 * 1024 * 1024, 'a');
    const b = Buffer.alloc(2 * 1024 * 1024 + 17, 'b');
    const meta = (m: Buffer) => assetMetadata('video', m.length, { dayDate: '20261130' });
    const [ra, rb] = await Promise.all([send('put', 'video', meta(a), a, 'a.mp4'), send('put', 'video', meta(b), b, 'b.mp4')]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const rows: { relative_path: string; sha256: string; file_size: string }[] = await t.app
      .get(DataSource)
      .query(`SELECT relative_path, sha256, file_size FROM sync_assets WHERE type = 'video' AND day_date = '20261130'`);
    expect(rows).toHaveLength(1);
    const onDisk = await readFile(join(t.config.dataDir, 'files', rows[0].relative_path));
    expect([a.length, b.length]).toContain(onDisk.length);
    expect(Number(rows[0].file_size)).toBe(onDisk.length);
    expect(createHash('sha256').update(onDisk).digest('hex')).toBe(rows[0].sha256);
    expect(onDisk.equals(a) || onDisk.equals(b)).toBe(true);
  });

  it('lists assets by camera, type, night and date range with pagination', async () => {
    const all = await get(`/sync/assets?cameraId=${cameraId}&type=image&pageSize=4`).expect(200);
    expect(all.body.total).toBe(6);
    expect(all.body.items).toHaveLength(4);
    expect(all.body.items[0]).toMatchObject({ type: 'image', dayDate: '20261121', cameraId, stored: true, contentType: 'image/jpeg' });
    const page2 = await get(`/sync/assets?cameraId=${cameraId}&type=image&pageSize=4&page=2`).expect(200);
    expect(page2.body.items).toHaveLength(2);
    expect(page2.body.items.at(-1).dayDate).toBe('20261119');

    const night = await get('/sync/assets?dayDate=20261121&night=true').expect(200);
    expect(night.body.items.map((i: { type: string }) => i.type).sort()).toEqual(['image', 'image', 'keogram']);
    const from = new Date((1795100000 + 86400) * 1000).toISOString();
    const to = new Date((1795100000 + 86400 + 61) * 1000).toISOString();
    const range = await get(`/sync/assets?type=image&from=${from}&to=${to}`).expect(200);
    expect(range.body.items.map((i: { dayDate: string }) => i.dayDate)).toEqual(['20261120', '20261120']);
    await get('/sync/assets?type=nonsense&pageSize=9999').expect(400);
  });

  it('gives the latest image per camera and serves its file with Content-Type and Range', async () => {
    const latest = await get(`/sync/cameras/${cameraId}/latest-image`).expect(200);
    expect(latest.body).toMatchObject({ dayDate: '20261121', createDate: new Date((1795100000 + 2 * 86400 + 60) * 1000).toISOString() });
    const file = await get(latest.body.fileUrl).expect(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.body.toString()).toBe('image 20261121 1');
    const part = await get(latest.body.fileUrl).set('Range', 'bytes=6-13').expect(206);
    expect(part.body.toString()).toBe('20261121');
    await get(`/sync/cameras/${cameraId + 50}/latest-image`).expect(404);
    const cameras = await get('/sync/cameras').expect(200);
    expect(cameras.body).toEqual([expect.objectContaining({ id: cameraId, uuid: CAMERA_UUID, name: `cam ${cameraId}`, utcOffset: -28800 })]); // the uploads' utc_offset, not the registration's
  });

  it('serves the reply url (images/..., relative to /indi-allsky/ as in indi-allsky) with the stored bytes, Content-Type and Range', async () => {
    const media = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
    const reply = await send('put', 'fitsimage', assetMetadata('fitsimage', media.length, { dayDate: '20261201', createDate: 1795500000 }), media, 'm31.fits').expect(200);
    expect(reply.body.url).toMatch(/^images\/ccd_.+\.fits$/);
    const url = `/indi-allsky/${reply.body.url}`;
    const file = await get(url).buffer(true).parse(binary).expect(200);
    expect(file.headers['content-type']).toBe('application/fits');
    expect(createHash('sha256').update(file.body as Buffer).digest('hex')).toBe(createHash('sha256').update(media).digest('hex'));
    const part = await get(url).set('Range', 'bytes=100-199').buffer(true).parse(binary).expect(206);
    expect(part.body).toEqual(media.subarray(100, 200));
    // Only received entries are served: not other files of the store, not a path that climbs out.
    await get('/indi-allsky/images/ccd_x/nothing.jpg').expect(404);
    await get(`/indi-allsky/images/${reply.body.url.slice('images/'.length)}/../../../../../etc/passwd`).expect(404);
    await get('/indi-allsky/images/%2e%2e/%2e%2e/secrets/jwt.key').expect(404);
    await get(url, uploader.token).expect(403);
  });

  it('needs sync:read; an upload-scoped key may only upload', async () => {
    await request(t.app.getHttpServer()).get('/sync/assets').set(REMOTE).expect(401);
    await request(t.app.getHttpServer()).get('/sync/assets').set(REMOTE).set('X-API-KEY', apiKey).expect(403);
    await get('/sync/assets', uploader.token).expect(403);
  });
});
