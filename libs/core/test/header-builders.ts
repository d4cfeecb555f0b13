/** Builders of FITS and XISF headers for tests and benchmarks (not used by the server). */

/** One 80-character record. */
export function card(text: string): string {
  if (text.length > 80) throw new Error(`record longer than 80 characters: ${text}`);
  return text.padEnd(80, ' ');
}

/** A fixed-format value record: name in bytes 1-8, "= ", value right-justified to byte 30 unless a string. */
export function valueCard(name: string, value: string, comment?: string): string {
  const field = value.startsWith("'") ? value.padEnd(8 + 2, ' ') : value.padStart(20, ' ');
  return card(`${name.padEnd(8, ' ')}= ${field}${comment === undefined ? '' : ` / ${comment}`}`);
}

/** Records joined and padded with spaces to whole 2880-byte blocks; END appended unless `end: false`. */
export function fitsHeader(records: string[], options: { end?: boolean } = {}): Buffer {
  const all = records.map((r) => (r.length === 80 ? r : card(r)));
  if (options.end !== false) all.push(card('END'));
  const text = all.join('');
  const padded = text.padEnd(Math.ceil(text.length / 2880) * 2880, ' ');
  return Buffer.from(padded, 'latin1');
}

/** A small complete FITS file: header plus `dataBytes` of zero data padded to a block. */
export function fitsFile(keywords: Record<string, string>, dataBytes = 0): Buffer {
  const records = [valueCard('SIMPLE', 'T'), valueCard('BITPIX', '16'), valueCard('NAXIS', '0')];
  for (const [name, value] of Object.entries(keywords)) records.push(valueCard(name, value));
  const header = fitsHeader(records);
  return Buffer.concat([header, Buffer.alloc(Math.ceil(dataBytes / 2880) * 2880)]);
}

export interface XisfKeyword {
  name: string;
  value: string;
  comment?: string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A monolithic XISF file: signature, little-endian header length, reserved, XML, then `dataBytes` of pixels. */
export function xisfFile(keywords: XisfKeyword[], options: { properties?: Record<string, string>; dataBytes?: number; namespace?: boolean } = {}): Buffer {
  const kw = keywords.map((k) => `<FITSKeyword name="${escapeXml(k.name)}" value="${escapeXml(k.value)}" comment="${escapeXml(k.comment ?? '')}"/>`).join('');
  const props = Object.entries(options.properties ?? {})
    .map(([id, value]) => `<Property id="${escapeXml(id)}" type="String" value="${escapeXml(value)}"/>`)
    .join('');
  const ns = options.namespace === false ? '' : ' xmlns="http://www.pixinsight.com/xisf"';
  const xml = `<?xml version="1.0" encoding="UTF-8"?><xisf version="1.0"${ns}><Image geometry="4:4:1" sampleFormat="UInt16" colorSpace="Gray" location="attachment:4096:32">${kw}${props}</Image></xisf>`;
  const body = Buffer.from(xml, 'utf8');
  const preamble = Buffer.alloc(16);
  preamble.write('XISF0100', 0, 'latin1');
  preamble.writeUInt32LE(body.length, 8);
  return Buffer.concat([preamble, body, Buffer.alloc(options.dataBytes ?? 0)]);
}
