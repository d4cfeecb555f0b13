import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { formDataBoundary, MultipartError } from './multipart/multipart-headers';
import { MultipartParser } from './multipart/multipart-parser';
import { syncError } from './sync-errors';

/** indi-allsky metadata is a few kilobytes; anything near this is not metadata. */
const MAX_METADATA_BYTES = 1024 * 1024;

export interface MediaPart {
  stream: Readable;
  /** The client's file name: only its extension may be used, never as a path. */
  clientFileName: string | undefined;
}

/**
 * Called when the media part starts, with the complete metadata bytes. It must consume or
 * abandon the stream; the request body is not read further until it does (backpressure), so the
 * metadata can be verified before a byte of media is stored.
 */
export type MediaHandler<T> = (metadata: Buffer, media: MediaPart) => Promise<T>;

export interface SyncParts<T> {
  metadata: Buffer;
  /** The handler's result, if a media part came. */
  media?: T;
}

/**
 * Streams an indi-allsky SyncAPI multipart body: the `metadata` part (with or without a file
 * name) is buffered, the `media` part is handed over as a stream, other parts are skipped.
 * Metadata must come before media, as indi-allsky's client sends it. A connection closed early
 * destroys the media stream, so whatever was staging it fails and cleans up. A body (chunked: no
 * Content-Length to refuse up front) is cut off at `maxBodyBytes`, preamble and epilogue included.
 */
export function readSyncParts<T>(req: IncomingMessage, maxBodyBytes: number, onMedia: MediaHandler<T>): Promise<SyncParts<T>> {
  return new Promise((resolve, reject) => {
    let boundary: string;
    try {
      boundary = formDataBoundary(req.headers['content-type']);
    } catch (err) {
      return reject(syncError(`${(err as Error).message}, with a metadata part and a media part`));
    }
    let bodyBytes = 0;
    const countBytes = (chunk: Buffer) => {
      bodyBytes += chunk.length;
      if (bodyBytes > maxBodyBytes) fail(syncError(`request body exceeds the limit of ${maxBodyBytes} bytes`, 413));
    };
    const chunks: Buffer[] = [];
    let metadataDone: Promise<void> | undefined;
    let media: Promise<T> | undefined;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      req.off('data', countBytes);
      req.unpipe(parser);
      parser.destroy();
      // The media handler removes what it staged once its stream fails: answer after that, so nothing is left.
      void Promise.resolve(media)
        .catch(() => undefined)
        .then(() => reject(err));
    };

    const parser = new MultipartParser(boundary, ({ name, filename }, stream) => {
      if (name === 'metadata' && !metadataDone) {
        metadataDone = bufferMetadata(stream, chunks);
        metadataDone.catch(fail);
      } else if (name === 'media' && !media) {
        if (!metadataDone) {
          discardPart(stream);
          return fail(syncError('the metadata part must come before the media part'));
        }
        // Until the handler pipes it, an error (a dropped connection) must not go unhandled; the handler still sees it.
        stream.on('error', () => undefined);
        media = metadataDone.then(() => onMedia(Buffer.concat(chunks), { stream, clientFileName: filename }));
        media.catch((err: unknown) => {
          stream.destroy();
          fail(err);
        });
      } else {
        discardPart(stream);
      }
    });
    parser.on('error', (err: Error) => fail(syncError(err instanceof MultipartError ? `malformed multipart body: ${err.message}` : err.message)));
    parser.on('finish', () => {
      if (!metadataDone) return fail(syncError('missing part: metadata'));
      Promise.all([metadataDone, media])
        .then(([, result]) => {
          if (settled) return;
          settled = true;
          resolve({ metadata: Buffer.concat(chunks), media: result });
        })
        .catch(fail);
    });
    req.on('data', countBytes);
    // Without this a dropped connection would leave the parser waiting forever.
    req.on('close', () => {
      if (!req.complete) parser.destroy(new Error('the connection closed before the body was complete'));
    });
    req.pipe(parser);
  });
}

/** Reads a part nobody wants to its end; its errors are the parser's, reported there. */
export function discardPart(stream: Readable): void {
  stream.on('error', () => undefined).resume();
}

function bufferMetadata(stream: Readable, chunks: Buffer[]): Promise<void> {
  let bytes = 0;
  return new Promise((done, failed) => {
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_METADATA_BYTES) {
        stream.destroy();
        return failed(syncError(`the metadata part is larger than ${MAX_METADATA_BYTES} bytes`));
      }
      chunks.push(chunk);
    });
    stream.on('end', () => done());
    stream.on('error', failed);
  });
}
