import { HttpException, HttpStatus, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { catchError, throwError, type Observable } from 'rxjs';
import { WIRE_FAMILY, type WireFamily } from '../security/access';
import { classifyInfrastructureError, wireFamilyError } from './infrastructure-errors';
import { unsafeRequest } from './request-input';

/**
 * Every HTTP route's boundary, in the route's wire family:
 * - before pipes and handlers, refuses with a 400 a URL holding a NUL byte and a body holding a NUL
 *   or nested too deep (`unsafeRequest`);
 * - turns what the infrastructure throws (database gone: 503; disk full: 507; a value the database
 *   refuses: 400) into an answer instead of a 500. Everything else passes unchanged.
 * One interceptor, not one per concern: each global interceptor adds an rxjs pipeline to every
 * request (bench/request-path.js).
 */
@Injectable()
export class RequestBoundaryInterceptor implements NestInterceptor {
  private readonly logger = new Logger('InfrastructureErrors');

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const problem = unsafeRequest(context.switchToHttp().getRequest<Request>());
    if (problem) throw wireFamilyError(this.familyOf(context), HttpStatus.BAD_REQUEST, problem);
    return next.handle().pipe(
      catchError((err: unknown) => {
        const known = err instanceof HttpException ? undefined : classifyInfrastructureError(err);
        if (!known) return throwError(() => err);
        if (known.retryAfterSeconds !== undefined) context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Retry-After', String(known.retryAfterSeconds));
        else if (known.status !== HttpStatus.BAD_REQUEST) this.logger.warn(`${known.status}: ${err instanceof Error ? err.message : String(err)}`);
        return throwError(() => wireFamilyError(this.familyOf(context), known.status, known.message));
      }),
    );
  }

  private familyOf(context: ExecutionContext): WireFamily {
    return this.reflector.getAllAndOverride<WireFamily | undefined>(WIRE_FAMILY, [context.getHandler(), context.getClass()]) ?? 'skygate';
  }
}
