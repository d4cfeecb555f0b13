import { applyDecorators, Catch, Controller, HttpException, HttpStatus, Injectable, Logger, UseFilters, type ArgumentsHost, type ExceptionFilter, type NestMiddleware } from '@nestjs/common';
import { ApiExtraModels, ApiNotAcceptableResponse, ApiNotFoundResponse, ApiProduces, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { asWireAnswer, UseWireFamily } from '@app/core';

/** Mycodo's vendor media type: every `/api` answer carries it, and a client must accept it. */
export const MYCODO_MEDIA_TYPE = 'application/vnd.mycodo.v1+json';

/** Mycodo's error body. */
export class MycodoMessageDto {
  @ApiProperty({ example: 'Success' })
  message: string;
}

/** An answer of the Mycodo family with Mycodo's `{"message": ...}` body. */
export class MycodoError extends HttpException {
  constructor(status: number, message: string) {
    super({ message }, status);
  }
}

export const notFound = (what: string, id: string) => new MycodoError(HttpStatus.NOT_FOUND, `${what} with ID ${id} not found`);
/** A refused action (already on, min-off not elapsed, already active): Mycodo's 460 "Fail: ...", sent as 409. */
export const refused = (message: string) => new MycodoError(HttpStatus.CONFLICT, `Fail: ${message}`);
export const unprocessable = (message: string) => new MycodoError(HttpStatus.UNPROCESSABLE_ENTITY, message);

/**
 * Renders every failure of a Mycodo route as `{"message": ...}` in the vendor media type. Class
 * validation failures (400 from the shared pipe) become Mycodo's 422; unexpected errors are logged
 * and answered without a traceback.
 */
@Catch()
export class MycodoErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Daemon');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const exception = asWireAnswer(thrown, res, 'mycodo');
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let message = 'Internal server error';
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
      if (status === HttpStatus.BAD_REQUEST && !(exception instanceof MycodoError)) status = HttpStatus.UNPROCESSABLE_ENTITY;
    } else {
      this.logger.error(`unexpected failure: ${(exception as Error)?.stack ?? String(exception)}`);
    }
    if (res.headersSent) return;
    // Authentication failures keep auth's documented shape ({statusCode, error, message}), which carries Mycodo's `message` too.
    const raw = exception instanceof HttpException ? exception.getResponse() : null;
    const body = (status === 401 || status === 403) && raw && typeof raw === 'object' ? { ...raw, message } : { message };
    res.status(status).type(MYCODO_MEDIA_TYPE).send(JSON.stringify(body));
  }
}

/**
 * Runs before authentication, as Mycodo's flask-accept does: a request whose Accept header does
 * not allow the vendor type gets 406. Unlike Mycodo (exact match only), Accept is negotiated as
 * HTTP says, so a missing Accept, `*\/*` and `application/*` are accepted.
 */
@Injectable()
export class MycodoMediaTypeMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    res.type(MYCODO_MEDIA_TYPE);
    if (!req.accepts(MYCODO_MEDIA_TYPE)) {
      res.status(HttpStatus.NOT_ACCEPTABLE).send(JSON.stringify({ message: `The Accept header must allow ${MYCODO_MEDIA_TYPE}` }));
      return;
    }
    next();
  }
}

/** A controller of the Mycodo family under `/api/<path>` (or `/<path>` for Mycodo's web routes): vendor media type, Mycodo error bodies. */
export function MycodoController(path: string, tag: string, options: { webRoute?: boolean } = {}) {
  return applyDecorators(
    Controller(options.webRoute ? path : `api/${path}`),
    UseWireFamily('mycodo'),
    UseFilters(MycodoErrorFilter),
    ApiTags(tag),
    ApiProduces(MYCODO_MEDIA_TYPE),
    ApiExtraModels(MycodoMessageDto),
    ApiNotAcceptableResponse({ type: MycodoMessageDto, description: `The Accept header does not allow ${MYCODO_MEDIA_TYPE}` }),
    ApiUnprocessableEntityResponse({ type: MycodoMessageDto, description: 'A parameter or body field is invalid (Mycodo 422)' }),
  );
}

/** Documents the 404 of a route addressed by unique_id (Mycodo answers 200 with null fields or 500). */
export const ApiMycodoNotFound = (what: string) =>
  ApiNotFoundResponse({ type: MycodoMessageDto, description: `No ${what} with that unique_id. Difference from Mycodo: it answers 200 with every field null (or 500).` });
