import { json, type ErrorRequestHandler, type RequestHandler } from 'express';
import { ninaFailure } from '@app/equipment';

/** The one route whose JSON body may be larger than the 100 KB every other route parses. */
export const SEQUENCE_LOAD_PATH = '/v2/api/sequence/load';

/**
 * N.I.N.A.'s saved sequences are often 1-5 MB. This route parses its own body, up to
 * SEQUENCE_LOAD_MAX_BYTES; the app mounts it before Nest's parsers, which skip a parsed body,
 * so every other route keeps Nest's default limit. Beyond the limit it answers HTTP 413 with the
 * ninaAPI envelope (StatusCode 413), like the other refusals ninaAPI has no code for (401/403);
 * unreadable JSON is the envelope's 400.
 */
export function sequenceLoadBody(limitBytes: number): [RequestHandler, ErrorRequestHandler] {
  const parse = json({ limit: limitBytes });
  const parseLoad: RequestHandler = (req, res, next) => (req.method === 'POST' ? parse(req, res, next) : next());
  const refuse: ErrorRequestHandler = (err: { status?: number; type?: string; message?: string }, _req, res, next) => {
    if (err.type === 'entity.too.large') {
      res.status(413).json(ninaFailure(`The sequence is larger than ${limitBytes} bytes (SEQUENCE_LOAD_MAX_BYTES)`, 413));
    } else if (err.type === 'entity.parse.failed') {
      res.status(200).json(ninaFailure(`The sequence is not valid JSON: ${err.message ?? ''}`, 400));
    } else {
      next(err);
    }
  };
  return [parseLoad, refuse];
}
