import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FollowingFileHash } from './following-hash';

describe('FollowingFileHash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'following-hash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes a file on a worker thread while it is written, as SHA-256 of the whole file', async () => {
    const path = join(dir, 'a.bin');
    const hash = new FollowingFileHash(path);
    const fd = openSync(path, 'wx');
    const whole = createHash('sha256');
    let written = 0;
    for (let i = 0; i < 12; i++) {
      const chunk = randomBytes(700_000 + i); // 8.4 MB in uneven pieces: some advances are posted, some not
      writeSync(fd, chunk);
      whole.update(chunk);
      written += chunk.length;
      hash.advance(written);
    }
    closeSync(fd);
    await expect(hash.finish(written)).resolves.toBe(whole.digest('hex'));
  });

  it('hashes an empty file, and runs several files at once', async () => {
    const paths = [0, 1, 2].map((i) => join(dir, `b${i}.bin`));
    const hashes = paths.map((p) => new FollowingFileHash(p));
    const bodies = [Buffer.alloc(0), Buffer.from('skygate'), randomBytes(5 << 20)];
    paths.forEach((p, i) => {
      const fd = openSync(p, 'wx');
      writeSync(fd, bodies[i]);
      closeSync(fd);
    });
    const digests = await Promise.all(hashes.map((h, i) => h.finish(bodies[i].length)));
    expect(digests).toEqual(bodies.map((b) => createHash('sha256').update(b).digest('hex')));
  });

  it('fails, not hangs, when the file holds fewer bytes than reported', async () => {
    const path = join(dir, 'short.bin');
    const hash = new FollowingFileHash(path);
    const fd = openSync(path, 'wx');
    writeSync(fd, Buffer.from('abc'));
    closeSync(fd);
    await expect(hash.finish(10)).rejects.toThrow(/shorter/);
  });
});
