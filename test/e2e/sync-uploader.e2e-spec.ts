import { mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { basename, join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createUser } from '../helpers/auth-fixtures';
import { runSyncPush } from '@app/sync-api';
import type { AppConfig } from '@app/core';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** A TCP relay in front of the remote that can be switched off: "remote down" means connection refused. */
class SwitchableRelay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  constructor(private readonly targetPort: number) {}

  async up(port = 0): Promise<number> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => this.sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
    this.server = undefined;
  }
}

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('sync uploader: one Skygate pushing to another', () => {
  const CAMERA = '0f0e0d0c-0b0a-4908-8706-050403020100';
  let remote: TestApp;
  let local: Awaited<ReturnType<typeof startTestApp>>;
  let relay: SwitchableRelay;
  let dir: string;
  let sync: Partial<AppConfig['sync']>;
  const queue = (files: string[], type = 'image') => request(local.app.getHttpServer()).post('/sync/uploader/jobs').send({ files, type, cameraUuid: CAMERA, cameraName: 'Backyard', utcOffset: 3600 });

  afterAll(async () => {
    await relay?.down();
    await local?.close();
    await remote?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('queues while the remote is down, survives a restart, and delivers everything exactly once when it is back', async () => {
    remote = await startTestApp();
    const pusher = await createUser(remote.app, 'pusher', { roles: ['uploader'] });
    const apiKey = (await pusher.key('upload', true)).key;
    await remote.app.listen(0, '127.0.0.1');
    relay = new SwitchableRelay((remote.app.getHttpServer().address() as AddressInfo).port);
    const relayPort = await relay.up();
    await relay.down(); // the remote is unreachable from the start

    dir = await mkdtemp(join(tmpdir(), 'skygate-push-'));
    sync = { remoteUrl: `http://127.0.0.1:${relayPort}/indi-allsky`, remoteUsername: 'pusher', remoteApiKey: apiKey, workers: 2, retryMaxSeconds: 1, maxAttempts: 1000, uploadRoots: [dir] };
    local = await startTestApp({ persistent: true, configure: { sync } });

    const files = {
      [join(dir, 'image-1.jpg')]: Buffer.from('first image bytes'),
      [join(dir, 'image-2.jpg')]: Buffer.from('second image bytes'),
      [join(dir, 'timelapse.mp4')]: Buffer.alloc(3 * 1024 * 1024 + 5, 9),
    };
    let mtime = 1795300000;
    for (const [path, bytes] of Object.entries(files)) {
      await writeFile(path, bytes);
      await utimes(path, mtime, mtime);
      mtime += 60;
    }
    const images = await queue(Object.keys(files).slice(0, 2)).expect(201);
    const video = await queue(Object.keys(files).slice(2), 'video').expect(201);
    const ids: string[] = [...images.body.ids, ...video.body.ids];
    expect(ids).toHaveLength(3);

    const status = () => request(local.app.getHttpServer()).get(`/sync/uploader/status?ids=${ids.join(',')}`).expect(200).then((r) => r.body);
    const failing = await waitFor(status, (s) => s.jobs.every((j: { attempts: number }) => j.attempts >= 2), 'two failed attempts per job');
    expect(failing.counts.done).toBe(0);
    expect(failing.jobs[0].lastError).toMatch(/ECONNREFUSED|refused/i);

    // Restart the local side while the remote is still down: the queue is in the database.
    await local.stop();
    local = await startTestApp({ reuse: local.reuse, configure: { sync } });
    await relay.up(relayPort);

    const finished = await waitFor(status, (s) => s.counts.done === 3, 'all three uploads done');
    expect(finished.counts).toEqual({ queued: 0, running: 0, failed: 0, done: 3 });
    for (const job of finished.jobs) expect(job).toMatchObject({ state: 'done', bytesSent: job.bytesTotal, remoteId: expect.any(Number) });

    const ds = remote.app.get(DataSource);
    const cameras = await ds.query('SELECT id, name, uuid FROM sync_cameras');
    expect(cameras).toEqual([{ id: expect.any(Number), name: `Backyard ${cameras[0].id}`, uuid: CAMERA }]);
    const assets: { id: number; type: string; relative_path: string; file_size: string }[] = await ds.query('SELECT id, type, relative_path, file_size FROM sync_assets ORDER BY create_date');
    expect(assets.map((a) => a.type)).toEqual(['image', 'image', 'video']);
    const sent = Object.values(files);
    for (const [i, asset] of assets.entries()) expect(await readFile(join(remote.config.dataDir, 'files', asset.relative_path))).toEqual(sent[i]);
    expect(finished.jobs.map((j: { remoteId: number }) => j.remoteId).sort()).toEqual(assets.map((a) => a.id).sort());

    // Nothing is sent again later: done jobs stay done.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await ds.query('SELECT count(*)::int AS n FROM sync_assets')).toEqual([{ n: 3 }]);
  }, 300_000); // three embedded databases start here; slow on a busy 2-core machine

  it('skygate-cli sync push queues files and reports progress until they are sent', async () => {
    await local.app.listen(0, '127.0.0.1');
    const server = `http://127.0.0.1:${(local.app.getHttpServer().address() as AddressInfo).port}`;
    const path = join(dir, 'keogram.png');
    await writeFile(path, Buffer.alloc(100_000, 5));
    const lines: string[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const failed = await runSyncPush({ server, files: [path], type: 'keogram', camera: CAMERA, wait: true, pollMs: 100, out });
    expect(failed).toBe(0);
    expect(lines[0]).toBe('queued 1 file(s)\n');
    expect(lines.at(-1)).toMatch(/\[#{30}\] 100% 1\/1 sent, 0 running, 0 queued, 0 failed/);
    const rows = await remote.app.get(DataSource).query(`SELECT file_size FROM sync_assets WHERE type = 'keogram'`);
    expect(rows.map((r: { file_size: string | number }) => Number(r.file_size))).toEqual([100_000]);
  }, 60_000);

  it('queues only files inside SYNC_UPLOAD_ROOTS, by real path: ../, other absolute paths and symlinks out answer 400 naming the path', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'skygate-outside-'));
    try {
      const secret = join(outside, 'secret.jpg');
      await writeFile(secret, 'not for the remote');
      await symlink(secret, join(dir, 'link.jpg'));
      await symlink(outside, join(dir, 'linked-folder'));
      const before = await local.app.get(DataSource).query('SELECT count(*)::int AS n FROM sync_upload_jobs');
      for (const path of [join(dir, '..', basename(outside), 'secret.jpg'), secret, '/etc/hostname', '/etc/no-such-file.jpg', join(dir, 'link.jpg'), join(dir, 'linked-folder', 'secret.jpg')]) {
        const res = await queue([path]).expect(400);
        expect(res.body.message).toBe(`${path} is outside the folders the uploader may read (SYNC_UPLOAD_ROOTS: ${dir})`);
      }
      await queue([join(dir, 'missing.jpg')]).expect(400, /not a readable file on this server/);
      expect(await local.app.get(DataSource).query('SELECT count(*)::int AS n FROM sync_upload_jobs')).toEqual(before);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('keeps per-file progress on the job row: status mid-upload, and after a restart, shows how far it got', async () => {
    // A remote that registers cameras but stops reading a file upload after 1 MiB.
    const stalled = new Set<Socket>();
    const hole = createHttpServer((req, res) => {
      if (req.url?.endsWith('/sync/v1/camera')) return void req.resume().on('end', () => res.end('{"id":1}'));
      let got = 0;
      req.on('data', (chunk: Buffer) => {
        got += chunk.length;
        if (got > 1024 * 1024) req.pause();
      });
    });
    hole.on('connection', (socket) => stalled.add(socket));
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const path = join(dir, 'big.mp4');
    await writeFile(path, Buffer.alloc(48 * 1024 * 1024, 1));
    try {
      await local.stop();
      local = await startTestApp({ reuse: local.reuse, configure: { sync: { ...sync, workers: 1, remoteUrl: `http://127.0.0.1:${(hole.address() as AddressInfo).port}/indi-allsky` } } });
      const [id] = (await queue([path], 'minivideo').expect(201)).body.ids;
      const row = () => local.app.get(DataSource).query('SELECT state, bytes_sent FROM sync_upload_jobs WHERE id = $1', [id]).then((r: { state: string; bytes_sent: string }[]) => ({ state: r[0].state, bytesSent: Number(r[0].bytes_sent) }));
      const stuck = await waitFor(row, (r) => r.state === 'running' && r.bytesSent > 1024 * 1024, 'progress on the job row');
      expect(stuck.bytesSent).toBeLessThan(48 * 1024 * 1024);
      const live = (await request(local.app.getHttpServer()).get(`/sync/uploader/status?ids=${id}`).expect(200)).body.jobs[0];
      expect(live).toMatchObject({ state: 'running', bytesTotal: 48 * 1024 * 1024 });
      expect(live.bytesSent).toBeGreaterThanOrEqual(stuck.bytesSent);

      // Shutdown does not wait for the stalled upload; started again with no remote, status tells how far it got.
      await local.stop();
      local = await startTestApp({ reuse: local.reuse, configure: { sync: { ...sync, remoteUrl: undefined } } });
      const persisted = await row();
      expect(persisted).toEqual({ state: 'queued', bytesSent: expect.any(Number) });
      expect(persisted.bytesSent).toBeGreaterThanOrEqual(stuck.bytesSent);
      const after = (await request(local.app.getHttpServer()).get(`/sync/uploader/status?ids=${id}`).expect(200)).body.jobs[0];
      expect(after).toMatchObject({ state: 'queued', attempts: 1, bytesSent: persisted.bytesSent, bytesTotal: 48 * 1024 * 1024 });
    } finally {
      for (const socket of stalled) socket.destroy();
      await new Promise((resolve) => hole.close(resolve));
    }
  }, 120_000);
});
