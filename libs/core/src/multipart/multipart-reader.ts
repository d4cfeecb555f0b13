import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { formDataBoundary, MultipartError, type PartHeaders } from './multipart-headers';
import { MultipartParser, type MultipartLimits, type PartStream } from './multipart-parser';

/** The body is larger than the route takes (HTTP 413); the rest of it was not read. */
export class MultipartTooLargeError extends MultipartError {
  constructor(readonly limitBytes: number) {
    super(`request body exceeds the limit of ${limitBytes} bytes`);
    this.name = 'MultipartTooLargeError';
  }
}

/** The client closed the connection before the body was complete. */
export class MultipartAbortedError extends MultipartError {
  constructor() {
    super('the connection closed before the body was complete');
    this.name = 'MultipartAbortedError';
  }
}

/**
 * Gets each part in body order. It must consume or discard the stream: the request is not read
 * further until it does (backpressure), so a route can check what came first before storing a
 * byte of what follows. What it returns is awaited before the body counts as read; a rejection
 * fails the whole body.
 */
export type PartHandler = (part: PartHeaders, body: PartStream) => Promise<unknown> | void;

export interface ReadMultipartOptions {
  /** Bytes of the whole body, preamble and epilogue included (a chunked body has no Content-Length to refuse up front). */
  maxBodyBytes: number;
  limits?: Partial<MultipartLimits>;
  onPart: PartHandler;
}

/**
 * Streams a multipart/form-data request through the MultipartParser. Every way a body can go
 * wrong (no or bad boundary, a malformed or truncated body, too many bytes, a dropped connection,
 * a failing handler) rejects with an error, never an unhandled 'error' event: the parser is
 * stopped, the open part's stream fails, and the promise settles only after every handler has
 * settled, so whatever a handler staged is gone by the time the caller answers. Errors of the body
 * itself are MultipartErrors; a handler's own rejection is passed on as it is.
 */
export function readMultipart(req: IncomingMessage, options: ReadMultipartOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let boundary: string;
    try {
      boundary = formDataBoundary(req.headers['content-type']);
    } catch (err) {
      return reject(err as Error);
    }
    const handled: Promise<unknown>[] = [];
    let settled = false;
    let bodyBytes = 0;
    const countBytes = (chunk: Buffer) => {
      bodyBytes += chunk.length;
      if (bodyBytes > options.maxBodyBytes) fail(new MultipartTooLargeError(options.maxBodyBytes));
    };
    const onClose = () => {
      if (!req.complete) fail(new MultipartAbortedError());
    };
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      req.off('data', countBytes);
      req.unpipe(parser);
      parser.destroy(err as Error);
      void Promise.allSettled(handled).then(() => reject(err));
    };

    const parser = new MultipartParser(
      boundary,
      (part, body) => {
        // A part's stream fails with the body; its reader sees that, but an unread part must not throw it at the process.
        body.on('error', () => undefined);
        if (settled) return void body.destroy();
        const refuse = (err: unknown) => {
          body.destroy();
          fail(err);
        };
        try {
          // Called at once, in body order: a refusal of one part stops the parts after it.
          handled.push(Promise.resolve(options.onPart(part, body)).catch(refuse));
        } catch (err) {
          refuse(err);
        }
      },
      options.limits,
    );
    parser.on('error', (err: Error) => fail(err));
    parser.on('finish', () => {
      void Promise.all(handled).then(() => {
        if (settled) return;
        settled = true;
        req.off('close', onClose);
        resolve();
      });
    });
    if (req.destroyed && !req.complete) return fail(new MultipartAbortedError());
    req.on('data', countBytes);
    // Without this a dropped connection would leave the parser waiting forever.
    req.on('close', onClose);
    req.on('error', () => fail(new MultipartAbortedError()));
    req.pipe(parser);
  });
}

/** Reads a part nobody wants to its end; its errors are the body's, reported by readMultipart. */
export function discardPart(stream: Readable): void {
  stream.on('error', () => undefined).resume();
}

/** A small part's bytes (form fields, metadata), refused past maxBytes. */
export function bufferPart(stream: Readable, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  return new Promise((done, failed) => {
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        stream.destroy();
        return failed(new MultipartError(`${what} is larger than ${maxBytes} bytes`));
      }
      chunks.push(chunk);
    });
    stream.on('end', () => done(Buffer.concat(chunks)));
    stream.on('error', failed);
  });
}

/** How long the rest of an unwanted body is read (and dropped) after an early answer. */
const DRAIN_MS = 2000;

/**
 * After an early answer (refused signature, too large, malformed) the rest of the body is not
 * wanted. It is read and dropped for a short while so the client, still sending, gets to read the
 * answer (closing at once would reset the connection under it and lose the answer); a body that
 * has not ended by then (huge, endless chunked) has its socket dropped.
 */
export async function abandonUnreadBody<T>(req: IncomingMessage, res: ServerResponse | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (res && !req.complete && !res.headersSent) {
      res.once('finish', () => {
        req.resume();
        setTimeout(() => {
          if (!req.complete) req.socket.destroy();
        }, DRAIN_MS).unref();
      });
    }
    throw err;
  }
}
