import type { ServerResponse } from 'node:http';
import { type ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { WireFamily } from '../security/access';
import { wireFamilyOf } from '../metrics/metrics-family';
import { classifyInfrastructureError, wireFamilyError } from './infrastructure-errors';

const logger = new Logger('InfrastructureErrors');

/**
 * What the infrastructure throws, as an answer in the route's wire family instead of a 500
 * (database gone: 503 with Retry-After when it says when; disk full: 507; a value the database
 * refuses: 400); anything else is returned unchanged. Family filters that catch everything (NINA,
 * Mycodo) call this first, because a controller's filter sees an error before the global one.
 */
export function asWireAnswer(err: unknown, res: { setHeader(name: string, value: string): unknown }, family: WireFamily): unknown {
  const known = err instanceof HttpException ? undefined : classifyInfrastructureError(err);
  if (!known) return err;
  if (known.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(known.retryAfterSeconds));
  else if (known.status !== HttpStatus.BAD_REQUEST) logger.warn(`${known.status}: ${err instanceof Error ? err.message : String(err)}`);
  return wireFamilyError(family, known.status, known.message);
}

/**
 * Every HTTP route's last word on a failure: infrastructure errors become answers in the route's
 * family (`asWireAnswer`; the family is the one the guard noted), everything else is Nest's own
 * handling. A filter, not an interceptor: a global interceptor puts an rxjs pipeline (defer,
 * mergeAll, a ReplaySubject, async scopes) on every request; a filter costs nothing until a
 * request fails (bench/request-path.js: ~20 µs of server CPU per request on Node 24).
 */
@Catch()
export class RequestBoundaryFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return super.catch(exception, host); // gateways have their own handling; global filters are not applied to them
    const res = host.switchToHttp().getResponse<ServerResponse>();
    super.catch(asWireAnswer(exception, res, wireFamilyOf(res)), host);
  }
}
