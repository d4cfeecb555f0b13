import { Readable } from 'node:stream';
import { card, fitsHeader, valueCard } from '../../test/header-builders';
import { parseFitsHeader } from './fits-header';
import { HeaderParseError } from './header-errors';
import { readHeader } from './header-reader';

const mandatory = [valueCard('SIMPLE', 'T', 'conforms to FITS'), valueCard('BITPIX', '16'), valueCard('NAXIS', '2'), valueCard('NAXIS1', '10'), valueCard('NAXIS2', '10')];

function parseError(fn: () => unknown): HeaderParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HeaderParseError) return err;
    throw err;
  }
  throw new Error('expected a HeaderParseError');
}

describe('FITS header parser', () => {
  it('reads the value types of the standard (logical, integer, real with E and D, complex, strings, undefined)', () => {
    const header = parseFitsHeader(
      fitsHeader([
        ...mandatory,
        valueCard('OBSERVER', "'O''HARA'", 'doubled quote'),
        valueCard('NULLSTR', "''"),
        valueCard('EMPTYSTR', "' '"),
        valueCard('LEADING', "'  lead  '"),
        card('UNDEF   =                      / no value at all'),
        valueCard('EXPTIME', '1.0D+03'),
        valueCard('GAIN', '-2.5E-1'),
        valueCard('BIGINT', '9223372036854775807'),
        valueCard('CPX', '(1.5, -2)'),
        valueCard('SIMPLEF', 'F'),
        card('FREEFMT = 42 / free format integer'),
      ]),
    );
    const k = header.keywords;
    expect(k.SIMPLE).toBe(true);
    expect(k.NAXIS1).toBe(10);
    expect(k.OBSERVER).toBe("O'HARA");
    expect(k.NULLSTR).toBe('');
    expect(k.EMPTYSTR).toBe('');
    expect(k.LEADING).toBe('  lead');
    expect(k.UNDEF).toBeNull();
    expect(k.EXPTIME).toBe(1000);
    expect(k.GAIN).toBe(-0.25);
    expect(k.BIGINT).toBe(9223372036854775807n);
    expect(k.CPX).toEqual({ re: 1.5, im: -2 });
    expect(k.SIMPLEF).toBe(false);
    expect(k.FREEFMT).toBe(42);
    expect(header.cards.find((c) => c.key === 'OBSERVER')?.comment).toBe('doubled quote');
    expect(header.cards.find((c) => c.key === 'UNDEF')?.comment).toBe('no value at all');
    expect(header.bytesRead).toBe(2880);
  });

  it('joins CONTINUE long strings only after a trailing &, as in FITS 4.0 §4.2.1.2', () => {
    const header = parseFitsHeader(
      fitsHeader([
        ...mandatory,
        card("WEIGHTS = 'Enter weights for: &'  / first"),
        card("CONTINUE  '1=stars, 2=galaxies &'"),
        card("CONTINUE  '3=quasars' / last"),
        card("NOTLONG = 'plain'"),
        card("CONTINUE  'orphan'"),
      ]),
    );
    expect(header.keywords.WEIGHTS).toBe('Enter weights for: 1=stars, 2=galaxies 3=quasars');
    expect(header.cards.find((c) => c.key === 'WEIGHTS')?.comment).toBe('first last');
    expect(header.keywords.NOTLONG).toBe('plain');
    expect(header.cards.filter((c) => c.key === 'CONTINUE')).toHaveLength(1);
  });

  it('exposes HIERARCH keywords without the prefix, with free-format values', () => {
    const header = parseFitsHeader(fitsHeader([...mandatory, card("HIERARCH ESO INS OPTI-3 ID = 'ESO#427 ' / comment"), card('HIERARCH ESO DET CHIP1 TEMP=  -120.5D0')]));
    expect(header.keywords['ESO INS OPTI-3 ID']).toBe('ESO#427');
    expect(header.keywords['ESO DET CHIP1 TEMP']).toBe(-120.5);
    expect(header.cards.find((c) => c.key === 'ESO INS OPTI-3 ID')).toMatchObject({ hierarch: true, comment: 'comment' });
  });

  it('keeps COMMENT and HISTORY in order and flags duplicate keywords (last wins)', () => {
    const header = parseFitsHeader(fitsHeader([...mandatory, card('COMMENT first'), card('HISTORY second'), card('COMMENT third'), valueCard('OBJECT', "'M31'"), valueCard('OBJECT', "'M33'")]));
    expect(header.cards.filter((c) => c.kind === 'commentary').map((c) => c.comment)).toEqual(['first', 'second', 'third']);
    expect(header.keywords.OBJECT).toBe('M33');
    expect(header.warnings.join()).toMatch(/OBJECT appears more than once/);
  });

  it('reads unquoted dates leniently with a warning', () => {
    const header = parseFitsHeader(fitsHeader([...mandatory, card('DATE-OBS= 2019-11-19T19:41:48.288')]));
    expect(header.keywords['DATE-OBS']).toBe('2019-11-19T19:41:48.288');
    expect(header.warnings.join()).toMatch(/unquoted/);
  });

  it('reads headers spanning several blocks', () => {
    const many = Array.from({ length: 80 }, (_, i) => valueCard(`KEY${i}`, String(i)));
    const header = parseFitsHeader(fitsHeader([...mandatory, ...many]));
    expect(header.keywords.KEY79).toBe(79);
    expect(header.bytesRead).toBe(3 * 2880);
  });

  it('reports a missing END as a recoverable error with the cards read so far', () => {
    const err = parseError(() => parseFitsHeader(fitsHeader([...mandatory, valueCard('OBJECT', "'M42'")], { end: false })));
    expect(err.code).toBe('missing-end');
    expect(err.partial?.keywords.OBJECT).toBe('M42');
  });

  it('reports a header running into binary data without END as missing END', () => {
    const bytes = Buffer.concat([fitsHeader([...mandatory], { end: false }), Buffer.alloc(2880, 0)]);
    const err = parseError(() => parseFitsHeader(bytes));
    expect(err.code).toBe('missing-end');
    expect(err.offset).toBe(2880);
  });

  it('reports a truncated block', () => {
    const err = parseError(() => parseFitsHeader(fitsHeader(mandatory).subarray(0, 1000)));
    expect(err.code).toBe('truncated-block');
    expect(err.message).toMatch(/1000 bytes into a 2880-byte block/);
  });

  it('reports non-ASCII bytes with their offset', () => {
    const bytes = fitsHeader([...mandatory, valueCard('OBJECT', "'M42'")]);
    bytes[5 * 80 + 12] = 0xe9;
    const err = parseError(() => parseFitsHeader(bytes));
    expect(err.code).toBe('non-ascii');
    expect(err.offset).toBe(5 * 80 + 12);
    expect(err.message).toMatch(/0xe9/);
  });

  it('refuses text that is not FITS, and caps the header size', () => {
    expect(parseError(() => parseFitsHeader(Buffer.alloc(2880, 0x41))).code).toBe('unknown-format');
    const huge = fitsHeader([...mandatory, ...Array.from({ length: 200 }, () => card('COMMENT x'))], { end: false });
    expect(parseError(() => parseFitsHeader(huge, { maxBlocks: 3 })).code).toBe('header-too-large');
  });

  it('reads the first extension of a tile-compressed file whose primary has NAXIS = 0', () => {
    const primary = fitsHeader([valueCard('SIMPLE', 'T'), valueCard('BITPIX', '8'), valueCard('NAXIS', '0'), valueCard('EXTEND', 'T')]);
    const ext = fitsHeader([valueCard('XTENSION', "'BINTABLE'"), valueCard('BITPIX', '8'), valueCard('NAXIS', '2'), valueCard('ZIMAGE', 'T'), valueCard('OBJECT', "'NGC 7000'")]);
    const header = parseFitsHeader(Buffer.concat([primary, ext, Buffer.alloc(2880)]));
    expect(header.keywords.OBJECT).toBe('NGC 7000');
    expect(header.keywords.SIMPLE).toBe(true);
    expect(header.keywords.ZIMAGE).toBe(true);
    expect(header.bytesRead).toBe(2 * 2880);
  });

  it('reads only the header blocks of a stream, not the image', async () => {
    const header = fitsHeader([...mandatory, valueCard('OBJECT', "'M1'")]);
    let served = 0;
    async function* source() {
      for (let i = 0; i < header.length; i += 1000) {
        served += Math.min(1000, header.length - i);
        yield header.subarray(i, i + 1000);
      }
      for (let i = 0; i < 1000; i++) {
        served += 65536;
        yield Buffer.alloc(65536);
      }
    }
    const parsed = await readHeader(Readable.from(source()));
    expect(parsed.keywords.OBJECT).toBe('M1');
    expect(served).toBeLessThan(header.length + 65536 * 2);
  });
});
