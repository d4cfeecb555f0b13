import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
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
 * Streams an indi-allsky SyncAPI multipart body with busboy: the `metadata` part (a file part,
 * or a field) is buffered, the `media` part is handed over as a stream, other parts are skipped.
 * Metadata must come before media, as indi-allsky's client sends it. A connection closed early
 * destroys the media stream, so whatever was staging it fails and cleans up.
 */
export function readSyncParts<T>(req: IncomingMessage, onMedia: MediaHandler<T>): Promise<SyncParts<T>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 4, fields: 8, fieldSize: MAX_METADATA_BYTES } });
    } catch {
      return reject(syncError('the body must be multipart/form-data with a metadata part and a media part'));
    }
    const chunks: Buffer[] = [];
    let metadataBytes = 0;
    let metadataDone: Promise<void> | undefined;
    let media: Promise<T> | undefined;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      reject(err);
    };

    parser.on('field', (name, value) => {
      if (name === 'metadata' && !metadataDone) {
        chunks.push(Buffer.from(value, 'utf8'));
        metadataDone = Promise.resolve();
      }
    });
    parser.on('file', (name, stream, info) => {
      if (name === 'metadata' && !metadataDone) {
        metadataDone = new Promise((done, failed) => {
          stream.on('data', (chunk: Buffer) => {
            metadataBytes += chunk.length;
            if (metadataBytes > MAX_METADATA_BYTES) return failed(syncError(`the metadata part is larger than ${MAX_METADATA_BYTES} bytes`));
            chunks.push(chunk);
          });
          stream.on('end', () => done());
          stream.on('error', failed);
        });
        metadataDone.catch(fail);
        return;
      }
      if (name === 'media' && !media) {
        if (!metadataDone) {
          stream.resume();
          return fail(syncError('the metadata part must come before the media part'));
        }
        const ready = metadataDone;
        media = ready.then(() => onMedia(Buffer.concat(chunks), { stream, clientFileName: info.filename }));
        media.catch((err: unknown) => {
          stream.resume();
          fail(err);
        });
        return;
      }
      stream.resume();
    });
    parser.on('error', (err: Error) => fail(syncError(`malformed multipart body: ${err.message}`)));
    parser.on('close', () => {
      if (!metadataDone) return fail(syncError('missing part: metadata'));
      Promise.all([metadataDone, media])
        .then(([, result]) => {
          if (settled) return;
          settled = true;
          resolve({ metadata: Buffer.concat(chunks), media: result });
        })
        .catch(fail);
    });
    // Without this a dropped connection would leave the parser waiting forever.
    req.on('close', () => {
      if (!req.complete) parser.destroy(new Error('the connection closed before the body was complete'));
    });
    req.pipe(parser);
  });
}
