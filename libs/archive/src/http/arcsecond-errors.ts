import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, HttpStatus, NotFoundException, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import type { Response } from 'express';
import { ParseInt4Pipe, validationFieldErrors } from '@app/core';

/** Django REST Framework's texts, which Arcsecond clients print as they are. */
export const NOT_FOUND = 'Not found.';
export const NO_PERMISSION = 'You do not have permission to perform this action.';

/**
 * Arcsecond's server is Django REST framework, and its errors have DRF's two shapes: a 400 about
 * input names the fields, `{"field": ["message"]}` (nested for nested input); everything else
 * (401, 403, 404, 405, 413, a body that cannot be parsed, a duplicate upload) is `{"detail": "..."}`.
 * Clients keep the body text of any non-2xx answer as it is; both shapes are JSON.
 */
@Catch(HttpException)
export class ArcsecondExceptionFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const status = exception.getStatus();
    if (status === HttpStatus.METHOD_NOT_ALLOWED) res.setHeader('Allow', 'GET, POST, PATCH, DELETE, HEAD, OPTIONS');
    res.status(status).json(arcsecondErrorBody(exception));
  }
}

/** The DRF body of an exception (see ArcsecondExceptionFilter). */
export function arcsecondErrorBody(exception: HttpException): Record<string, unknown> {
  const fields = validationFieldErrors(exception);
  if (fields && exception.getStatus() === HttpStatus.BAD_REQUEST) return fields;
  const body = exception.getResponse();
  if (typeof body === 'string') return { detail: body };
  const b = (body ?? {}) as Record<string, unknown>;
  if (b[FIELDS] && typeof b[FIELDS] === 'object') return b[FIELDS] as Record<string, unknown>;
  return { detail: b.detail ?? (Array.isArray(b.message) ? b.message.join('; ') : (b.message ?? exception.message)) };
}

const FIELDS = 'arcsecondFields';

/** A 400 about one input field, as DRF words it: `{"<field>": ["<message>"]}`. */
export function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({ [FIELDS]: { [field]: [message] } });
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
