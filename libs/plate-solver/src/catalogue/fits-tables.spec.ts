import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binaryTableColumns, listHdus, readColumnBytes, readNumericColumn } from './fits-tables';

const card = (key: string, value: string) => `${key.padEnd(8)}= ${value.padStart(20)}`.padEnd(80);
const block = (records: string[]) => {
  const text = [...records, 'END'.padEnd(80)].join('');
  return Buffer.from(text.padEnd(Math.ceil(text.length / 2880) * 2880), 'latin1');
};
const pad = (data: Buffer) => Buffer.concat([data, Buffer.alloc((2880 - (data.length % 2880)) % 2880)]);

let dir: string;
let path: string;

/** A primary image HDU with data, then a binary table of four interleaved columns (FITS big-endian). */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skygate-fits-tables-'));
  path = join(dir, 'table.fits');
  const image = Buffer.alloc(3 * 2 * 2);
  const rows = [
    { mag: 7.25, ra: 83.123456789, id: -5, flags: 200, name: 'AB' },
    { mag: -1.5, ra: 359.999999, id: 2_000_000_000, flags: 1, name: 'CD' },
    { mag: 12, ra: 0.000001, id: 0, flags: 0, name: 'EF' },
  ];
  const table = Buffer.alloc(rows.length * 19);
  rows.forEach((row, i) => {
    const at = i * 19;
    table.writeFloatBE(row.mag, at);
    table.writeDoubleBE(row.ra, at + 4);
    table.writeInt32BE(row.id, at + 12);
    table.writeUInt8(row.flags, at + 16);
    table.write(row.name, at + 17, 'latin1');
  });
  await writeFile(
    path,
    Buffer.concat([
      block([card('SIMPLE', 'T'), card('BITPIX', '16'), card('NAXIS', '2'), card('NAXIS1', '3'), card('NAXIS2', '2'), card('EXTEND', 'T')]),
      pad(image),
      block([
        card('XTENSION', "'BINTABLE'"), card('BITPIX', '8'), card('NAXIS', '2'), card('NAXIS1', '19'), card('NAXIS2', '3'), card('PCOUNT', '0'), card('GCOUNT', '1'), card('TFIELDS', '5'),
        card('TTYPE1', "'MAG'"), card('TFORM1', "'1E'"), card('TTYPE2', "'RA'"), card('TFORM2', "'D'"), card('TTYPE3', "'ID'"), card('TFORM3', "'1J'"),
        card('TTYPE4', "'FLAGS'"), card('TFORM4', "'B'"), card('TTYPE5', "'NAME'"), card('TFORM5', "'2A'"),
      ]),
      pad(table),
    ]),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FITS binary tables', () => {
  it('walks the HDUs past the primary image data', async () => {
    const hdus = await listHdus(path);
    expect(hdus).toHaveLength(2);
    expect(hdus[0]).toMatchObject({ index: 0, dataStart: 2880, dataBytes: 12 });
    expect(hdus[1]).toMatchObject({ index: 1, dataStart: 2880 * 3, dataBytes: 57 });
    expect(hdus[1].keywords.XTENSION).toBe('BINTABLE');
    expect(await listHdus(path, 1)).toHaveLength(1);
  });

  it('lays the columns out from TFORMn', async () => {
    const [, table] = await listHdus(path);
    expect(binaryTableColumns(table).map((c) => [c.name, c.type, c.repeat, c.offset, c.width])).toEqual([
      ['MAG', 'E', 1, 0, 4],
      ['RA', 'D', 1, 4, 8],
      ['ID', 'J', 1, 12, 4],
      ['FLAGS', 'B', 1, 16, 1],
      ['NAME', 'A', 2, 17, 2],
    ]);
  });

  it('decodes big-endian numbers of each type, row by row', async () => {
    const [, table] = await listHdus(path);
    expect(Array.from(await readNumericColumn(path, table, 'MAG') as Float64Array)).toEqual([7.25, -1.5, 12]);
    expect(Array.from(await readNumericColumn(path, table, 'RA') as Float64Array)).toEqual([83.123456789, 359.999999, 0.000001]);
    expect(Array.from(await readNumericColumn(path, table, 'ID') as Float64Array)).toEqual([-5, 2_000_000_000, 0]);
    expect(Array.from(await readNumericColumn(path, table, 'FLAGS') as Float64Array)).toEqual([200, 1, 0]);
    expect((await readColumnBytes(path, table, 'NAME')).bytes.toString('latin1')).toBe('ABCDEF');
  });

  it('says what is wrong', async () => {
    const [image, table] = await listHdus(path);
    expect(() => binaryTableColumns(image)).toThrow('HDU 0 is not a binary table');
    await expect(readNumericColumn(path, table, 'DEC')).rejects.toThrow('HDU 1 has no column DEC (has MAG, RA, ID, FLAGS, NAME)');
    await expect(readNumericColumn(path, table, 'NAME')).rejects.toThrow('holds characters');
    const notFits = join(dir, 'not.fits');
    await writeFile(notFits, Buffer.alloc(2880, 0x20));
    await expect(listHdus(notFits)).rejects.toThrow(/no END card|not a FITS file/);
  });
});
