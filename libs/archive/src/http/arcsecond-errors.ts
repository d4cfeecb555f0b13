import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, HttpStatus, NotFoundException, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import type { Response } from 'express';
import { ParseInt4Pipe } from '@app/core';

/** Django REST Framework's texts, which Arcsecond clients print as they are. */
export const NOT_FOUND = 'Not found.';
export const NO_PERMISSION = 'You do not have permission to perform this action.';

/**
 * Arcsecond (Django REST) clients read `detail` from an error body. Every archive error goes out
 * as `{"detail": "..."}`; validation messages are joined into one sentence.
 */
@Catch(HttpException)
export class ArcsecondExceptionFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = exception.getResponse();
    let detail: unknown = exception.message;
    if (typeof body === 'object' && body !== null) {
      const b = body as Record<string, unknown>;
      detail = b.detail ?? (Array.isArray(b.message) ? b.message.join('; ') : (b.message ?? exception.message));
    } else if (typeof body === 'string') {
      detail = body;
    }
    const status = exception.getStatus();
    if (status === HttpStatus.METHOD_NOT_ALLOWED) res.setHeader('Allow', 'GET, POST, PATCH, DELETE, HEAD, OPTIONS');
    res.status(status).json({ detail });
  }
}

/**
 * Arcsecond's duplicate-upload answer. Its uploader (data files and all-sky images alike) matches
 * the words "already exists in dataset" to count the file as skipped, so both keep that wording.
 */
export function alreadyExists(what: string, where: string): BadRequestException {
  return new BadRequestException({ detail: `${what} already exists in dataset ${where}.` });
}

/** UUID v4 path ids; anything else is a 404 with DRF's "Not found." (a URL that matches nothing). */
export const ArcsecondUuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new NotFoundException({ detail: NOT_FOUND }) });

const int4Id = new ParseInt4Pipe({ exceptionFactory: (message) => new BadRequestException({ detail: message }) });

/** Integer ids (data files): not a number is a URL that matches nothing (404); a number no row can have is a 400. */
export const ArcsecondIntId: PipeTransform<string | number, number> = {
  transform(value: string | number): number {
    if (!/^\d+$/.test(String(value))) throw new NotFoundException({ detail: NOT_FOUND });
    return int4Id.transform(value);
  },
};
