import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { fitsFile } from '../../libs/core/test/header-builders';
import { assetMetadata, signSync, syncMultipart } from '../e2e/sync-test-client';
import { createUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** Requests from supertest come from loopback: trusted, no key needed, unless a key is what is tested. */

async function regularFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('deleting an archive entry removes its files', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  beforeAll(async () => {
    t = await startTestApp();
    http = request(t.app.getHttpServer());
  });
  afterAll(() => t.close());

  const filesRoot = () => join(t.config.dataDir, 'files');

  it('a dataset takes its data files with it', async () => {
    const dataset = (await http.post('/datasets/').send({ name: 'to delete' }).expect(201)).body as { uuid: string };
    const other = (await http.post('/datasets/').send({ name: 'to keep' }).expect(201)).body as { uuid: string };
    for (const [ds, name] of [[dataset.uuid, 'a.fits'], [dataset.uuid, 'b.fits'], [other.uuid, 'c.fits']]) {
      await http.post('/datafiles/').field('dataset', ds).attach('file', fitsFile({ OBJECT: "'M 31'" }, 100), name).expect(201);
    }
    expect(await regularFiles(join(filesRoot(), 'archive', dataset.uuid))).toHaveLength(2);
    await http.delete(`/datasets/${dataset.uuid}/`).expect(204);
    expect(await regularFiles(join(filesRoot(), 'archive', dataset.uuid))).toEqual([]);
    expect(await regularFiles(join(filesRoot(), 'archive', other.uuid))).toHaveLength(1);
  });

  it('an all-sky camera takes its images with it', async () => {
    const site = (await http.post('/observingsites/').send({ name: 'Roof' }).expect(201)).body as { uuid: string };
    const camera = (await http.post('/allskycameras/').send({ name: 'Roof camera', observing_site: site.uuid }).expect(201)).body as { uuid: string };
    await http.post(`/allskycameras/${camera.uuid}/images/`).field('utc_timestamp', '2026-11-29T20:00:00Z').attach('file', Buffer.from('jpeg bytes'), 'sky.jpg').expect(201);
    expect(await regularFiles(join(filesRoot(), 'allsky', camera.uuid))).toHaveLength(1);
    await http.delete(`/allskycameras/${camera.uuid}/`).expect(204);
    expect(await regularFiles(join(filesRoot(), 'allsky', camera.uuid))).toEqual([]);
  });
});

// A full disk needs a small filesystem: a tmpfs mounted for the test (root only, as here and in CI).
const mountPoint = (() => {
  const probe = spawnSync('sh', ['-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs "$d" && umount "$d"; s=$?; rmdir "$d"; exit $s']);
  return probe.status === 0;
})();
if (!mountPoint) console.warn('skipping the full-disk tests: mounting a tmpfs is not permitted here (needs root)');
const describeFullDisk = mountPoint ? describe : describe.skip;

describeFullDisk('a full disk', () => {
  let t: TestApp & { reuse: { dataDir: string; drop: () => Promise<void> } };
  let dataDir: string;
  let http: ReturnType<typeof request>;
  let syncAuth: (metadata: string) => string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'skygate-full-disk-'));
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dataDir]);
    expect(mounted.status).toBe(0);
    t = await startTestApp({ configure: { dataDir } });
    http = request(t.app.getHttpServer());
    const user = await createUser(t.app, 'syncer', { admin: true });
    const key = (await user.key('upload', true)).key;
    syncAuth = (metadata) => signSync('syncer', key, metadata, Date.now() / 1000);
  });
  afterAll(async () => {
    await t?.stop();
    spawnSync('umount', [dataDir]);
    await t?.reuse.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const big = Buffer.alloc(3 * 1024 * 1024, 0x2a);

  it('an archive upload answers 507 {detail} and leaves nothing behind', async () => {
    const dataset = (await http.post('/datasets/').send({ name: 'no room' }).expect(201)).body as { uuid: string };
    const res = await http.post('/datafiles/').field('dataset', dataset.uuid).attach('file', big, 'big.fits').expect(507);
    expect(res.body).toEqual({ detail: expect.stringMatching(/no space left/) });
    expect(await regularFiles(join(dataDir, 'tmp'))).toEqual([]);
    expect(await regularFiles(join(dataDir, 'files'))).toEqual([]);
    // The space is back: a small file goes in.
    await http.post('/datafiles/').field('dataset', dataset.uuid).attach('file', fitsFile({ OBJECT: "'M 1'" }, 10), 'small.fits').expect(201);
  });

  it('a SyncAPI upload answers 507 {error} and leaves nothing behind', async () => {
    const metadata = JSON.stringify(assetMetadata('image', big.length));
    const { body, contentType } = syncMultipart(metadata, big, 'big.jpg');
    const res = await http.post('/indi-allsky/sync/v1/image').set('X-Forwarded-For', '203.0.113.9').set('Authorization', syncAuth(metadata)).set('Content-Type', contentType).send(body).expect(507);
    expect(res.body).toEqual({ error: expect.stringMatching(/no space left/) });
    expect(await regularFiles(join(dataDir, 'tmp'))).toEqual([]);
    expect((await regularFiles(join(dataDir, 'files'))).filter((f) => !f.includes('/archive/'))).toEqual([]);
  });
});

describe('a lost database', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  beforeAll(async () => {
    t = await startTestApp();
    http = request(t.app.getHttpServer());
    await http.get('/datasets/').expect(200);
    await t.app.get(DataSource).destroy();
  });
  afterAll(() => t.close());

  it('answers 503 in each family shape, and the process stays live', async () => {
    const arcsecond = await http.get('/datasets/').expect(503);
    expect(arcsecond.body).toEqual({ detail: expect.stringMatching(/database is not available/) });
    const skygate = await http.get('/users').expect(503);
    expect(skygate.body).toMatchObject({ statusCode: 503, message: expect.stringMatching(/database is not available/) });
    const metadata = JSON.stringify(assetMetadata('image', 4));
    const { body, contentType } = syncMultipart(metadata, Buffer.from('abcd'), 'a.jpg');
    const sync = await http.post('/indi-allsky/sync/v1/image').set('X-Forwarded-For', '203.0.113.9').set('Authorization', signSync('nobody', 'key', metadata, Date.now() / 1000)).set('Content-Type', contentType).send(body).expect(503);
    expect(sync.body).toEqual({ error: expect.stringMatching(/database is not available/) });
    // Mycodo's filter catches everything on its routes, before the global one: same answer, Mycodo's shape.
    const note = await http.post('/api/notes/create').set('Accept', 'application/vnd.mycodo.v1+json').send({ name: 'n', note: 'text', tags: '' }).expect(503);
    expect(note.headers['content-type']).toMatch(/^application\/vnd\.mycodo\.v1\+json/);
    expect(JSON.parse(note.text)).toEqual({ message: expect.stringMatching(/database is not available/) });
    await http.get('/health/live').expect(200);
  });
});

