import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

/** A single-entry zip (deflate), written by hand so tests need no zip writer dependency. */
export function zipOf(name: string, content: Buffer, options: { declaredSize?: number } = {}): Buffer {
  const data = deflateRawSync(content);
  const crc = crc32(content);
  const nameBytes = Buffer.from(name, 'utf8');
  const size = options.declaredSize ?? content.length;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

export const gzipOf = (content: Buffer): Buffer => gzipSync(content);

/**
 * bzip2 (made once with `bzip2 -9`) of a 5,760-byte FITS file: OBJECT 'M 42', IMAGETYP
 * 'Light Frame', DATE-OBS '2026-01-15T03:00:00'. Node has no bzip2 encoder.
 */
export const BZIP2_FITS = Buffer.from(
  'QlpoOTFBWSZTWQc3J70AAG5/gMAAwABAg38WP7fMYDLiFAAACCAAkoqeoNGjQ0xAAaNqA0ElBR5CAyeoyGg0aBtSaRi0EGYFWoYbdDiKDhAWDADwzjQ0RSmB2YKbBFXuTlqk2lishcSjpeOlbueUFRF1rwsxbXJuAkVBkKhW07NWVa7qALiCRSQn5RYUyNBrSU4Pmctzvrssp8kiKD+LuSKcKEgDm5PegA==',
  'base64',
);
