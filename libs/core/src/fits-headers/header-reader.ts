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
 * Sniffs the first bytes of a stream, then hands them to the FITS or XISF reader. push() answers
 * true once the header is complete, so callers stop feeding it (the image data are never parsed).
 */
export class HeaderSink {
  private reader?: IncrementalReader;
  private readonly head: Uint8Array[] = [];
  private headLength = 0;
  private complete = false;

  constructor(private readonly options: FitsReaderOptions = {}) {}

  get done(): boolean {
    return this.complete;
  }

  push(chunk: Uint8Array): boolean {
    if (this.complete) return true;
    if (!this.reader) {
      this.head.push(chunk);
      this.headLength += chunk.length;
      if (this.headLength < SNIFF_BYTES) return false;
      const start = Buffer.concat(this.head);
      this.reader = createReader(start, this.options);
      this.complete = this.reader.push(start);
      return this.complete;
    }
    this.complete = this.reader.push(chunk);
    return this.complete;
  }

  /** The header, or a HeaderParseError saying what is wrong or missing. */
  finish(): ParsedHeader {
    return (this.reader ?? createReader(Buffer.concat(this.head), this.options)).finish();
  }
}

/**
 * Reads the FITS or XISF header at the start of a byte stream and stops consuming it as soon as
 * the header is complete (leaving a for-await loop destroys a Node stream, so the image data are
 * never read). Throws HeaderParseError for anything else.
 */
export async function readHeader(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: FitsReaderOptions = {}): Promise<ParsedHeader> {
  const sink = new HeaderSink(options);
  for await (const chunk of source) if (sink.push(chunk)) break;
  return sink.finish();
}

function createReader(start: Uint8Array, options: FitsReaderOptions): IncrementalReader {
  const format = sniffFormat(start);
  if (format === 'fits') return new FitsHeaderReader(options);
  if (format === 'xisf') return new XisfHeaderReader();
  throw new HeaderParseError('unknown-format', format === 'unknown' ? 'neither FITS nor XISF' : `${format} data must be decompressed first`, 0);
}
