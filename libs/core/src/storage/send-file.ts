import { HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';

export interface SendFileOptions {
  contentType?: string;
  /** Offered to browsers as the download name (Content-Disposition: inline). */
  fileName?: string;
  /** Cache-Control max-age in milliseconds. */
  maxAgeMs?: number;
}

/**
 * Streams a stored file with HTTP Range, If-Modified-Since and ETag handled by Express's `send`,
 * so partial downloads (video seeking, resumed transfers) work. 404 when the file is gone.
 */
export function sendStoredFile(res: Response, absolutePath: string, options: SendFileOptions = {}): Promise<void> {
  const headers: Record<string, string> = {};
  if (options.contentType) headers['Content-Type'] = options.contentType;
  if (options.fileName) headers['Content-Disposition'] = `inline; filename="${options.fileName.replace(/["\\\r\n]/g, '_')}"`;
  return new Promise((resolvePromise, reject) => {
    type SendError = Error & { status?: number; code?: string; headers?: Record<string, string> };
    res.sendFile(absolutePath, { acceptRanges: true, dotfiles: 'allow', maxAge: options.maxAgeMs ?? 0, headers }, (err?: SendError) => {
      if (!err) return resolvePromise();
      if (err.code === 'ENOENT' || err.status === 404) return reject(new NotFoundException('file not found'));
      if (res.headersSent) return resolvePromise(); // client went away mid-transfer; nothing to answer
      if (err.status === HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE) {
        for (const [name, value] of Object.entries(err.headers ?? {})) res.setHeader(name, value);
        return reject(new HttpException('requested range is outside the file', err.status));
      }
      reject(err);
    });
  });
}
