import { card, fitsHeader, valueCard, xisfFile } from '../../test/header-builders';
import { parseFitsHeader } from './fits-header';
import { HeaderParseError } from './header-errors';
import type { ParsedHeader } from './header-types';
import { readHeader } from './header-reader';

/** mulberry32: a small seeded PRNG, so a failing case can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ["'", "''", '&', '=', '= ', '/', '(', ')', ',', 'D+99', 'E-', 'T', 'F', ' ', 'CONTINUE  ', 'HIERARCH ', 'END', '1.5', '-', '9'.repeat(30), '<', '"', '\0', '\xff'];

function mutate(base: Buffer, rand: () => number): Buffer {
  const bytes = Buffer.from(base);
  const edits = 1 + Math.floor(rand() * 12);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * bytes.length);
    const choice = rand();
    if (choice < 0.4) bytes[at] = 0x20 + Math.floor(rand() * 95);
    else if (choice < 0.5) bytes[at] = Math.floor(rand() * 256);
    else bytes.write(PIECES[Math.floor(rand() * PIECES.length)], at, 'latin1');
  }
  return rand() < 0.2 ? bytes.subarray(0, Math.floor(rand() * bytes.length)) : bytes;
}

/** Either a header or a HeaderParseError: anything else (TypeError, RangeError, hang) is a bug. */
async function outcome(bytes: Buffer): Promise<'parsed' | 'error'> {
  try {
    const header: ParsedHeader = await readHeader([bytes]);
    expect(['fits', 'xisf']).toContain(header.format);
    JSON.stringify(header.cards, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    return 'parsed';
  } catch (err) {
    if (err instanceof HeaderParseError) return 'error';
    throw new Error(`unexpected ${String(err)} for ${bytes.toString('latin1').slice(0, 400)}`);
  }
}

describe('header parser fuzz (seeded)', () => {
  const fits = fitsHeader([
    valueCard('SIMPLE', 'T'),
    valueCard('BITPIX', '-32'),
    valueCard('NAXIS', '0'),
    valueCard('EXTEND', 'T'),
    card("LONG    = 'a long string &'"),
    card("CONTINUE  'continued' / c"),
    card("HIERARCH ESO TEL AIRM START = 1.234D0"),
    valueCard('CPX', '(1, 2)'),
    valueCard('OBJECT', "'O''HARA'"),
  ]);
  const xisf = xisfFile([
    { name: 'OBJECT', value: "'M31'" },
    { name: 'EXPTIME', value: '1.0D+02' },
  ]);

  it('never crashes on mutated FITS headers', async () => {
    const rand = prng(20261122);
    const seen = new Set<string>();
    for (let i = 0; i < 1500; i++) seen.add(await outcome(mutate(fits, rand)));
    expect(seen).toEqual(new Set(['parsed', 'error']));
  });

  it('never crashes on mutated XISF headers', async () => {
    const rand = prng(7);
    const seen = new Set<string>();
    for (let i = 0; i < 1500; i++) seen.add(await outcome(mutate(xisf, rand)));
    expect(seen).toEqual(new Set(['parsed', 'error']));
  });

  it('never crashes on random bytes behind a valid signature', async () => {
    const rand = prng(42);
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(rand() * 6000);
      const body = Buffer.from(Array.from({ length }, () => (rand() < 0.7 ? 0x20 + Math.floor(rand() * 95) : Math.floor(rand() * 256))));
      const prefix = rand() < 0.5 ? Buffer.from('SIMPLE  =                    T', 'latin1') : xisf.subarray(0, 16);
      await outcome(Buffer.concat([prefix, body]));
      expect(() => parseFitsHeader(Buffer.concat([Buffer.from('SIMPLE  =', 'latin1'), body]))).not.toThrow(TypeError);
    }
  });
});
