import { Readable } from 'node:stream';
import { xisfFile } from '../../test/header-builders';
import { HeaderParseError } from './header-errors';
import { readHeader, sniffFormat } from './header-reader';

async function parseError(promise: Promise<unknown>): Promise<HeaderParseError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof HeaderParseError)) throw new Error(`expected a HeaderParseError, got ${String(err)}`);
  return err;
}

describe('XISF header parser', () => {
  it('reads FITSKeyword elements (quoted, doubled quotes, numbers, logicals) and Properties', async () => {
    const file = xisfFile(
      [
        { name: 'OBJECT', value: "'M 31'", comment: 'target' },
        { name: 'OBSERVER', value: "'O''Hara'" },
        { name: 'EXPTIME', value: '300.' },
        { name: 'XBINNING', value: '2' },
        { name: 'ROWORDER', value: 'T' },
        { name: 'DATE-OBS', value: "'2024-01-01T20:00:00'" },
        { name: 'HISTORY', value: '', comment: 'calibrated' },
      ],
      { properties: { 'Instrument:Filter:Name': 'Ha' }, dataBytes: 4096 },
    );
    const header = await readHeader(Readable.from([file]));
    expect(header.format).toBe('xisf');
    expect(header.keywords).toMatchObject({ OBJECT: 'M 31', OBSERVER: "O'Hara", EXPTIME: 300, XBINNING: 2, ROWORDER: true, 'DATE-OBS': '2024-01-01T20:00:00' });
    expect(header.cards.find((c) => c.key === 'OBJECT')?.comment).toBe('target');
    expect(header.cards.find((c) => c.key === 'HISTORY')?.comment).toBe('calibrated');
    expect(header.properties?.['Instrument:Filter:Name']).toBe('Ha');
    expect(header.bytesRead).toBe(file.length - 4096);
  });

  it('tolerates a file without the XISF namespace', async () => {
    const header = await readHeader(Readable.from([xisfFile([{ name: 'OBJECT', value: "'M1'" }], { namespace: false })]));
    expect(header.keywords.OBJECT).toBe('M1');
  });

  it('reads the header arriving byte by byte, and stops before the pixel data', async () => {
    const file = xisfFile([{ name: 'FILTER', value: "'L'" }], { dataBytes: 1_000_000 });
    let served = 0;
    async function* slow() {
      for (let i = 0; i < file.length; i += 7) {
        served += Math.min(7, file.length - i);
        yield file.subarray(i, i + 7);
      }
    }
    const header = await readHeader(Readable.from(slow()));
    expect(header.keywords.FILTER).toBe('L');
    expect(served).toBeLessThan(file.length - 900_000);
  });

  it('reports a truncated header, a bad signature, invalid XML and a missing root', async () => {
    const file = xisfFile([{ name: 'OBJECT', value: "'M1'" }]);
    expect((await parseError(readHeader(Readable.from([file.subarray(0, 40)])))).code).toBe('truncated-xisf-header');
    const broken = Buffer.from(file);
    broken.write('<xisf', 16 + 40, 'latin1');
    expect((await parseError(readHeader(Readable.from([broken])))).code).toBe('bad-xisf-xml');
    const noRoot = Buffer.concat([file.subarray(0, 8), Buffer.from([7, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('<a></a> ')]);
    expect((await parseError(readHeader(Readable.from([noRoot])))).message).toMatch(/no <xisf> root/);
    const huge = Buffer.concat([file.subarray(0, 8), Buffer.from([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0])]);
    expect((await parseError(readHeader(Readable.from([huge])))).code).toBe('header-too-large');
  });

  it('recognises formats by content', () => {
    expect(sniffFormat(xisfFile([]))).toBe('xisf');
    expect(sniffFormat(Buffer.from('SIMPLE  =                    T'))).toBe('fits');
    expect(sniffFormat(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0]))).toBe('gzip');
    expect(sniffFormat(Buffer.from('BZh91AY&S'))).toBe('bzip2');
    expect(sniffFormat(Buffer.from('PK\x03\x04aaaaa', 'latin1'))).toBe('zip');
    expect(sniffFormat(Buffer.from('SIMPLE = T'))).toBe('unknown');
  });
});
