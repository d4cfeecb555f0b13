import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createUser } from '../helpers/auth-fixtures';
import { runSyncPush } from '@app/sync-api';
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

    const sync = { remoteUrl: `http://127.0.0.1:${relayPort}/indi-allsky`, remoteUsername: 'pusher', remoteApiKey: apiKey, workers: 2, retryMaxSeconds: 1, maxAttempts: 1000 };
    local = await startTestApp({ persistent: true, configure: { sync } });

    dir = await mkdtemp(join(tmpdir(), 'skygate-push-'));
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
    const images = await request(local.app.getHttpServer())
      .post('/sync/uploader/jobs')
      .send({ files: Object.keys(files).slice(0, 2), type: 'image', cameraUuid: CAMERA, cameraName: 'Backyard', utcOffset: 3600 })
      .expect(201);
    const video = await request(local.app.getHttpServer())
      .post('/sync/uploader/jobs')
      .send({ files: Object.keys(files).slice(2), type: 'video', cameraUuid: CAMERA, cameraName: 'Backyard', utcOffset: 3600 })
      .expect(201);
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
});
