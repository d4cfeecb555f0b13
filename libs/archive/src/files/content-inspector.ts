import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Entry } from 'yauzl';
import { HeaderParseError, HeaderSink, onFirstUse, SNIFF_BYTES, sniffFormat, type ParsedHeader } from '@app/core';

// Compressed uploads are rare: their decoders load on first use, not with the server (~2 MiB resident).
const yauzl = onFirstUse(() => require('yauzl') as typeof import('yauzl'));
const unbzip2 = onFirstUse(() => require('unbzip2-stream') as typeof import('unbzip2-stream'));

export type Compression = 'none' | 'gzip' | 'bzip2' | 'zip';
export type HeaderStatus = 'parsed' | 'partial' | 'failed' | 'not-applicable';

export interface Inspection {
  format: 'fits' | 'xisf' | 'other';
  compression: Compression;
  headerStatus: HeaderStatus;
  /** Why the header could not be (fully) read. */
  headerError?: string;
  header?: ParsedHeader;
  /** Bytes of decompressed content (archives only). */
  decompressedBytes?: number;
}

/** The decompressed content is larger than allowed: refused as a possible zip bomb. */
export class DecompressionLimitError extends Error {
  constructor(readonly limit: number) {
    super(`the decompressed content exceeds ${limit} bytes; refused as a possible zip bomb`);
    this.name = 'DecompressionLimitError';
  }
}

class ByteLimit extends Transform {
  bytes = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(new DecompressionLimitError(this.limit));
    done(null, chunk);
  }
}

async function firstBytes(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Tells what a stored file holds, by content: FITS, XISF, or either inside a gzip, bzip2 or zip
 * wrapper, and reads its header. A plain file is read only as far as its header. An archive is
 * decompressed as a stream to its end, counting bytes, so a bomb is refused
 * (DecompressionLimitError) and a corrupt archive is reported; memory stays bounded either way.
 * Header problems never throw: they come back as headerStatus and headerError.
 */
export async function inspectFile(path: string, maxDecompressedBytes: number): Promise<Inspection> {
  const kind = sniffFormat(await firstBytes(path));
  if (kind === 'fits' || kind === 'xisf') {
    const result = await readStream(createReadStream(path), false, kind);
    return { compression: 'none', ...result };
  }
  if (kind === 'unknown') return { format: 'other', compression: 'none', headerStatus: 'not-applicable' };
  const compression: Compression = kind;
  try {
    const content = kind === 'zip' ? await openFirstZipEntry(path, maxDecompressedBytes) : createReadStream(path).pipe(kind === 'gzip' ? createGunzip() : unbzip2()());
    const limit = new ByteLimit(maxDecompressedBytes);
    const source = content.pipe(limit);
    content.on('error', (err) => source.destroy(err));
    source.on('error', () => content.destroy());
    const result = await readStream(source, true);
    return { compression, ...result, decompressedBytes: limit.bytes };
  } catch (err) {
    if (err instanceof DecompressionLimitError) throw err;
    return { format: 'other', compression, headerStatus: 'failed', headerError: `the ${kind} content could not be read: ${(err as Error).message}` };
  }
}

/**
 * Feeds the header reader; when `drain`, keeps reading to the end (archives must be checked whole).
 * `sniffed` is the format the file's first bytes showed, so a header that fails to parse keeps it.
 */
async function readStream(source: Readable, drain: boolean, sniffed?: 'fits' | 'xisf'): Promise<Omit<Inspection, 'compression'>> {
  let sink: HeaderSink | undefined = new HeaderSink();
  let parseError: HeaderParseError | undefined;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    if (sink && !sink.done) {
      try {
        sink.push(chunk);
      } catch (err) {
        if (!(err instanceof HeaderParseError)) throw err;
        parseError = err;
        sink = undefined;
      }
    }
    if (!drain && (!sink || sink.done)) break;
  }
  if (!parseError && sink) {
    try {
      return { ...formatOf(sink.finish()), headerStatus: 'parsed' };
    } catch (err) {
      if (!(err instanceof HeaderParseError)) throw err;
      parseError = err;
    }
  }
  if (parseError!.code === 'unknown-format') return { format: 'other', headerStatus: 'not-applicable' };
  const partial = parseError!.partial;
  return { format: partial?.format ?? sniffed ?? (parseError!.code.includes('xisf') ? 'xisf' : 'fits'), header: partial, headerStatus: partial ? 'partial' : 'failed', headerError: parseError!.message };
}

function formatOf(header: ParsedHeader): Pick<Inspection, 'format' | 'header'> {
  return { format: header.format, header };
}

/** The first regular file of a zip (directories, hidden files and __MACOSX are skipped). */
function openFirstZipEntry(path: string, maxBytes: number): Promise<Readable> {
  return new Promise((resolve, reject) => {
    yauzl().open(path, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open zip'));
      zip.on('error', reject);
      zip.on('end', () => reject(new Error('the zip archive holds no file')));
      zip.on('entry', (entry: Entry) => {
        const name = entry.fileName;
        if (name.endsWith('/') || name.startsWith('__MACOSX/') || name.split('/').some((part) => part.startsWith('.'))) return zip.readEntry();
        // The central directory announces the size: refuse a bomb before inflating anything.
        if (entry.uncompressedSize > maxBytes) {
          zip.close();
          return reject(new DecompressionLimitError(maxBytes));
        }
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return reject(streamErr ?? new Error('cannot read zip entry'));
          stream.on('end', () => zip.close());
          resolve(stream);
        });
      });
      zip.readEntry();
    });
  });
}
