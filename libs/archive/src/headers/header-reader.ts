import { FITS_SIGNATURE, FitsHeaderReader, type FitsReaderOptions } from './fits-header';
import { HeaderParseError } from './header-errors';
import type { ParsedHeader } from './header-types';
import { XISF_SIGNATURE, XisfHeaderReader } from './xisf-header';

export type ContentFormat = 'fits' | 'xisf' | 'gzip' | 'bzip2' | 'zip' | 'unknown';

/** Bytes needed to recognise every format below. */
export const SNIFF_BYTES = 9;

/** Recognises a file by its first bytes, never by its name. */
export function sniffFormat(start: Uint8Array): ContentFormat {
  const ascii = Buffer.from(start.buffer, start.byteOffset, Math.min(start.byteLength, SNIFF_BYTES)).toString('latin1');
  if (ascii.startsWith(FITS_SIGNATURE)) return 'fits';
  if (ascii.startsWith(XISF_SIGNATURE)) return 'xisf';
  if (start[0] === 0x1f && start[1] === 0x8b) return 'gzip';
  if (ascii.startsWith('BZh')) return 'bzip2';
  if (ascii.startsWith('PK\x03\x04')) return 'zip';
  return 'unknown';
}

interface IncrementalReader {
  push(chunk: Uint8Array): boolean;
  finish(): ParsedHeader;
}

/**
 * Reads the FITS or XISF header at the start of a byte stream and stops consuming it as soon as
 * the header is complete (leaving a for-await loop destroys a Node stream, so the image data are
 * never read). Throws HeaderParseError for anything else.
 */
export async function readHeader(source: AsyncIterable<Uint8Array>, options: FitsReaderOptions = {}): Promise<ParsedHeader> {
  let reader: IncrementalReader | undefined;
  const head: Uint8Array[] = [];
  let headLength = 0;
  for await (const chunk of source) {
    if (!reader) {
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < SNIFF_BYTES) continue;
      reader = createReader(Buffer.concat(head), options);
      if (reader.push(Buffer.concat(head))) break;
      continue;
    }
    if (reader.push(chunk)) break;
  }
  if (!reader) reader = createReader(Buffer.concat(head), options);
  return reader.finish();
}

function createReader(start: Uint8Array, options: FitsReaderOptions): IncrementalReader {
  const format = sniffFormat(start);
  if (format === 'fits') return new FitsHeaderReader(options);
  if (format === 'xisf') return new XisfHeaderReader();
  throw new HeaderParseError('unknown-format', format === 'unknown' ? 'neither FITS nor XISF' : `${format} data must be decompressed first`, 0);
}
