import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DurableFileSink } from './durable-file-sink';

describe('DurableFileSink', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'skygate-sink-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes every byte in order through batched writes and background syncs', async () => {
    // Chunks of odd sizes, a sync interval smaller than the file: several fdatasyncs run meanwhile.
    const chunks = Array.from({ length: 300 }, (_, i) => randomBytes(1 + ((i * 7919) % 40_000)));
    const sink = new DurableFileSink(join(dir, 'out.bin'), { mode: 0o640, syncEveryBytes: 1024 * 1024 });
    await pipeline(Readable.from(chunks), sink);
    const written = await readFile(join(dir, 'out.bin'));
    // Buffer.equals: a deep toEqual walks 6 MB byte by byte for half a minute.
    expect(written.length).toBe(Buffer.concat(chunks).length);
    expect(written.equals(Buffer.concat(chunks))).toBe(true);
    expect(sink.closed).toBe(true);
  });

  it('never opens an existing file, and closes its file when destroyed halfway', async () => {
    await writeFile(join(dir, 'taken.bin'), 'keep me');
    await expect(pipeline(Readable.from([Buffer.from('x')]), new DurableFileSink(join(dir, 'taken.bin'), { mode: 0o640, syncEveryBytes: 1024 }))).rejects.toThrow(/EEXIST/);
    expect(await readFile(join(dir, 'taken.bin'), 'utf8')).toBe('keep me');

    const source = new Readable({ read() {} });
    const sink = new DurableFileSink(join(dir, 'half.bin'), { mode: 0o640, syncEveryBytes: 1024 });
    const done = pipeline(source, sink);
    source.push(Buffer.alloc(4096, 1));
    source.destroy(new Error('client went away'));
    await expect(done).rejects.toThrow('client went away');
    await new Promise((resolve) => (sink.closed ? resolve(undefined) : sink.once('close', resolve)));
    expect(sink.closed).toBe(true);
  });
});
