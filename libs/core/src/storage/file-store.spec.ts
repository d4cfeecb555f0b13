import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { HttpException } from '@nestjs/common';
import express from 'express';
import request from 'supertest';
import { AppConfig } from '../config/app-config';
import { FileExistsError, FileSizeMismatchError, FileStore, FileTooLargeError, StoragePathError } from './file-store';
import { sendStoredFile } from './send-file';

function storeIn(dataDir: string, uploadMaxBytes = 1024 * 1024): FileStore {
  return new FileStore(new AppConfig({ port: 0, host: '127.0.0.1', dataDir, database: { kind: 'pglite', dataDir: 'memory://' }, logLevel: 'silent', uploadMaxBytes }));
}

/** A stream of `total` pseudo-random bytes in 64 KiB chunks, generated lazily (never held whole). */
function generated(total: number, failAfter?: number): Readable {
  let sent = 0;
  const chunk = randomBytes(64 * 1024);
  return new Readable({
    read() {
      if (failAfter !== undefined && sent >= failAfter) return this.destroy(new Error('connection reset'));
      if (sent >= total) return this.push(null);
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      this.push(chunk.subarray(0, n));
    },
  });
}

describe('FileStore', () => {
  let dataDir: string;
  let store: FileStore;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'skygate-store-'));
    store = storeIn(dataDir);
    await store.onModuleInit();
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const tmpFiles = () => readdir(store.tmpDir);

  it('stores the bytes under the given path with their size and SHA-256', async () => {
    const body = randomBytes(300_000);
    const saved = await store.save(Readable.from([body]), 'cam/2026/img.jpg');
    expect(saved.size).toBe(body.length);
    expect(saved.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(await readFile(join(store.root, 'cam/2026/img.jpg'))).toEqual(body);
    expect(await tmpFiles()).toEqual([]);
  });

  it('stops reading past the size limit and leaves nothing behind', async () => {
    const source = generated(5 * 1024 * 1024);
    await expect(store.save(source, 'big.bin')).rejects.toBeInstanceOf(FileTooLargeError);
    expect(source.destroyed).toBe(true);
    expect(await store.exists('big.bin')).toBe(false);
    expect(await tmpFiles()).toEqual([]);
  });

  it('leaves no file when the sender disconnects halfway', async () => {
    await expect(store.save(generated(800_000, 200_000), 'half.bin')).rejects.toThrow('connection reset');
    expect(await store.exists('half.bin')).toBe(false);
    expect(await tmpFiles()).toEqual([]);
  });

  it('refuses a byte count different from the announced size', async () => {
    await expect(store.save(generated(1000), 'short.bin', { expectedSize: 1001 })).rejects.toBeInstanceOf(FileSizeMismatchError);
    expect(await store.exists('short.bin')).toBe(false);
  });

  it('keeps a staged file invisible until it is committed, and discards it on request', async () => {
    const staged = await store.stage(Readable.from([Buffer.from('hello')]));
    expect(await store.exists('a.txt')).toBe(false);
    expect(await tmpFiles()).toHaveLength(1);
    await staged.discard();
    expect(await tmpFiles()).toEqual([]);
    await expect(staged.commit('a.txt')).rejects.toThrow(/already committed or discarded/);
  });

  it('does not replace an existing file unless asked to', async () => {
    await store.save(Readable.from([Buffer.from('first')]), 'x.txt');
    await expect(store.save(Readable.from([Buffer.from('second')]), 'x.txt')).rejects.toBeInstanceOf(FileExistsError);
    expect(await readFile(join(store.root, 'x.txt'), 'utf8')).toBe('first');
    await store.save(Readable.from([Buffer.from('third')]), 'x.txt', { overwrite: true });
    expect(await readFile(join(store.root, 'x.txt'), 'utf8')).toBe('third');
    expect(await tmpFiles()).toEqual([]);
  });

  it.each(['../escape.txt', 'a/../../escape.txt', '/etc/passwd', 'a/\0b', ''])('refuses the path %j', async (path) => {
    expect(() => store.resolve(path)).toThrow(StoragePathError);
    await expect(store.save(Readable.from([Buffer.from('x')]), path)).rejects.toBeInstanceOf(StoragePathError);
    expect(await tmpFiles()).toEqual([]);
  });

  it('links a stored file under a second name without copying, each name removable on its own', async () => {
    const original = await store.save(Readable.from([Buffer.from('capture bytes')]), 'equipment/a.fits');
    const linked = await store.link('equipment/a.fits', 'archive/d1/a.fits');
    expect(linked).toMatchObject({ relativePath: 'archive/d1/a.fits', size: 13, sha256: original.sha256 });
    expect((await stat(linked.absolutePath)).ino).toBe((await stat(original.absolutePath)).ino);
    await expect(store.link('equipment/a.fits', 'archive/d1/a.fits')).rejects.toBeInstanceOf(FileExistsError);
    await expect(store.link('equipment/a.fits', '../outside.fits')).rejects.toBeInstanceOf(StoragePathError);
    await store.remove('archive/d1/a.fits');
    expect(await readFile(original.absolutePath, 'utf8')).toBe('capture bytes');
  });

  it('removes leftovers of an interrupted run at start-up', async () => {
    await writeFile(join(store.tmpDir, 'crashed-upload.part'), 'partial');
    const restarted = storeIn(dataDir);
    await restarted.onModuleInit();
    expect(await readdir(restarted.tmpDir)).toEqual([]);
  });

  it('streams large files without holding them in memory', async () => {
    const big = storeIn(dataDir, 2 * 1024 ** 3);
    const total = 256 * 1024 * 1024;
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const saved = await big.save(generated(total), 'big/256m.bin');
    clearInterval(sampler);
    expect(saved.size).toBe(total);
    // A buffered implementation would grow by the file size (256 MiB); streaming stays near the chunk size.
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });

  describe('serving with HTTP Range', () => {
    const body = Buffer.from('0123456789abcdefghij');
    let server: import('node:http').Server;
    let base: string;

    beforeEach(async () => {
      await store.save(Readable.from([body]), 'r/file.bin');
      const app = express();
      app.get('/f/:name', (req, res, next) => {
        sendStoredFile(res, join(store.root, 'r', String(req.params.name)), { contentType: 'application/octet-stream', fileName: 'file.bin' }).catch(
          (err: HttpException) => {
            res.status(err instanceof HttpException ? err.getStatus() : 500).end();
            next();
          },
        );
      });
      server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(() => new Promise((r) => server.close(r)));

    it('serves the whole file with Accept-Ranges', async () => {
      const res = await request(base).get('/f/file.bin').buffer(true).parse((r, cb) => {
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () => cb(null, Buffer.concat(parts)));
      });
      expect(res.status).toBe(200);
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(res.headers['content-disposition']).toBe('inline; filename="file.bin"');
      expect(res.body).toEqual(body);
    });

    it('serves a byte range as 206 with Content-Range', async () => {
      const res = await request(base).get('/f/file.bin').set('Range', 'bytes=5-9');
      expect(res.status).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes 5-9/${body.length}`);
      expect(res.headers['content-length']).toBe('5');
    });

    it('answers 416 for a range past the end', async () => {
      const res = await request(base).get('/f/file.bin').set('Range', 'bytes=100-200');
      expect(res.status).toBe(416);
      expect(res.headers['content-range']).toBe(`bytes */${body.length}`);
    });

    it('answers 404 for a missing file', async () => {
      const res = await request(base).get('/f/nope.bin');
      expect(res.status).toBe(404);
    });
  });
});
