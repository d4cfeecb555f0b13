import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BZIP2_FITS, gzipOf, zipOf } from '../../test/archive-builders';
import { fitsFile, fitsHeader, valueCard, xisfFile } from '../../../core/test/header-builders';
import { DecompressionLimitError, inspectFile } from './content-inspector';

describe('inspectFile', () => {
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archive-inspect-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const file = async (bytes: Buffer) => {
    const path = join(dir, `f${n++}.bin`);
    await writeFile(path, bytes);
    return path;
  };
  const fits = fitsFile({ OBJECT: "'M 42'", EXPTIME: '30.0' }, 100_000);

  it('reads plain FITS and XISF by content, whatever the name', async () => {
    expect(await inspectFile(await file(fits), 1e9)).toMatchObject({ format: 'fits', compression: 'none', headerStatus: 'parsed', header: { keywords: { OBJECT: 'M 42' } } });
    expect(await inspectFile(await file(xisfFile([{ name: 'OBJECT', value: "'M1'" }])), 1e9)).toMatchObject({ format: 'xisf', headerStatus: 'parsed' });
    expect(await inspectFile(await file(Buffer.from('just some text file')), 1e9)).toEqual({ format: 'other', compression: 'none', headerStatus: 'not-applicable' });
  });

  it('reads FITS inside gzip, bzip2 and zip wrappers and counts the decompressed bytes', async () => {
    for (const [wrapped, compression] of [
      [gzipOf(fits), 'gzip'],
      [zipOf('image.fits', fits), 'zip'],
    ] as const) {
      const result = await inspectFile(await file(wrapped), 1e9);
      expect(result).toMatchObject({ format: 'fits', compression, headerStatus: 'parsed', decompressedBytes: fits.length });
    }
    const bz = await inspectFile(await file(BZIP2_FITS), 1e9);
    expect(bz).toMatchObject({ format: 'fits', compression: 'bzip2', headerStatus: 'parsed', decompressedBytes: 5760, header: { keywords: { OBJECT: 'M 42' } } });
  });

  it('refuses a bomb: gzip by counting as it inflates, zip by its announced size', async () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    await expect(inspectFile(await file(gzipOf(Buffer.concat([fits, zeros]))), 5 * 1024 * 1024)).rejects.toBeInstanceOf(DecompressionLimitError);
    await expect(inspectFile(await file(zipOf('bomb.fits', zeros)), 5 * 1024 * 1024)).rejects.toThrow(/exceeds 5242880 bytes/);
  });

  it('keeps a file whose header is broken, with the reason', async () => {
    const noEnd = fitsHeader([valueCard('SIMPLE', 'T'), valueCard('OBJECT', "'M3'")], { end: false });
    expect(await inspectFile(await file(noEnd), 1e9)).toMatchObject({ format: 'fits', headerStatus: 'partial', headerError: expect.stringMatching(/missing-end/) });
    // An XISF file whose header cannot be read (here: an absurd header length) stays XISF, never FITS.
    const hugeHeader = Buffer.concat([Buffer.from('XISF0100', 'latin1'), Buffer.from([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0]), Buffer.alloc(64)]);
    expect(await inspectFile(await file(hugeHeader), 1e9)).toMatchObject({ format: 'xisf', headerStatus: 'failed', headerError: expect.stringMatching(/header-too-large/) });
    const corrupt = gzipOf(fits).subarray(0, 200);
    expect(await inspectFile(await file(corrupt), 1e9)).toMatchObject({ compression: 'gzip', headerStatus: 'failed', headerError: expect.stringMatching(/gzip content could not be read/) });
  });
});
