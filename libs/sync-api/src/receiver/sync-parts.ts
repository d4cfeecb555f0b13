import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { bufferPart, discardPart, formDataBoundary, MultipartError, MultipartTooLargeError, readMultipart } from '@app/core';
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
 * Streams an indi-allsky SyncAPI multipart body with core's reader: the `metadata` part (with or
 * without a file name) is buffered, the `media` part is handed over as a stream, other parts are
 * skipped. Metadata must come before media, as indi-allsky's client sends it; a second metadata
 * or media part is refused. Every failure is an indi-allsky `{error}` (400, or 413 past maxBodyBytes).
 */
export async function readSyncParts<T>(req: IncomingMessage, maxBodyBytes: number, onMedia: MediaHandler<T>): Promise<SyncParts<T>> {
  try {
    formDataBoundary(req.headers['content-type']);
  } catch (err) {
    throw syncError(`${(err as Error).message}, with a metadata part and a media part`);
  }
  let metadata: Promise<Buffer> | undefined;
  let media: Promise<T> | undefined;
  await readMultipart(req, {
    maxBodyBytes,
    onPart: ({ name, filename }, stream) => {
      if (name === 'metadata') {
        if (metadata) throw syncError('more than one metadata part');
        return (metadata = bufferPart(stream, MAX_METADATA_BYTES, 'the metadata part'));
      }
      if (name === 'media') {
        if (!metadata) throw syncError('the metadata part must come before the media part');
        if (media) throw syncError('more than one media part');
        return (media = metadata.then((bytes) => onMedia(bytes, { stream, clientFileName: filename })));
      }
      discardPart(stream);
    },
  }).catch((err: unknown) => {
    if (err instanceof MultipartTooLargeError) throw syncError(err.message, 413);
    if (err instanceof MultipartError) throw syncError(`malformed multipart body: ${err.message}`);
    throw err;
  });
  if (!metadata) throw syncError('missing part: metadata');
  return { metadata: await metadata, media: await media };
}
