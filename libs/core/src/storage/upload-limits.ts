import { PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Refuses a request whose declared Content-Length exceeds the limit before a byte of the body is
 * read. A chunked body has no Content-Length; the file store stops it when it crosses the limit.
 */
export function assertContentLengthWithin(req: Request, limitBytes: number): void {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limitBytes) {
    throw new PayloadTooLargeException(`request body of ${declared} bytes exceeds the limit of ${limitBytes} bytes`);
  }
}
