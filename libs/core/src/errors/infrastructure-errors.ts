import { STATUS_CODES } from 'node:http';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { WireFamily } from '../security/access';
import { DatabaseBusyError } from '../database/pglite-pool';
import { StorageFullError } from '../storage/file-store';

/** PostgreSQL SQLSTATE classes and codes that mean "the database is not there" rather than "the query is wrong". */
const CONNECTION_SQLSTATE = /^(08|57P0[1-3]|53300)/;
const CONNECTION_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** What pg, PGlite and TypeORM say when the connection is gone or was never made. */
const CONNECTION_MESSAGE = /Connection terminated|Driver not Connected|Cannot use a pool after calling end|Client has encountered a connection error|PGlite is closed|Connection with ".*" is not established|timeout exceeded when trying to connect/i;
/** SQLSTATE class 22 (data exception): a value the column cannot hold (out of range, NUL byte, bad encoding). */
const DATA_SQLSTATE = /^22/;

/** The status and text an error of the infrastructure deserves, or undefined when it is a bug (500). */
export function classifyInfrastructureError(err: unknown): { status: number; message: string; retryAfterSeconds?: number } | undefined {
  const busy = err instanceof DatabaseBusyError ? err : (err as { driverError?: unknown } | undefined)?.driverError;
  if (busy instanceof DatabaseBusyError) {
    return { status: HttpStatus.SERVICE_UNAVAILABLE, message: 'The database is busy; try again shortly.', retryAfterSeconds: busy.retryAfterSeconds };
  }
  if (err instanceof StorageFullError) return { status: HttpStatus.INSUFFICIENT_STORAGE, message: 'Insufficient storage: there is no space left to store the file.' };
  if (!(err instanceof Error)) return undefined;
  const e = err as Error & { code?: unknown; driverError?: { code?: unknown; message?: string } };
  const codes = [e.code, e.driverError?.code].filter((c): c is string => typeof c === 'string');
  const messages = [e.message, e.driverError?.message ?? ''];
  // A socket error code counts only from the database driver (an INDI server refusing is not a lost database).
  const fromDriver = e.driverError !== undefined || e.name === 'QueryFailedError';
  if (
    codes.some((c) => CONNECTION_SQLSTATE.test(c) || (fromDriver && CONNECTION_ERRNO.has(c))) ||
    e.name === 'CannotExecuteNotConnectedError' ||
    messages.some((m) => CONNECTION_MESSAGE.test(m))
  ) {
    return { status: HttpStatus.SERVICE_UNAVAILABLE, message: 'The database is not available; try again later.' };
  }
  if (codes.some((c) => DATA_SQLSTATE.test(c) && c.length === 5)) return { status: HttpStatus.BAD_REQUEST, message: `A value in the request is not acceptable: ${messages[1] || messages[0]}` };
  return undefined;
}

/** An error in the body shape a wire family's clients read. */
export function wireFamilyError(family: WireFamily, status: number, message: string): HttpException {
  switch (family) {
    case 'arcsecond':
      return new HttpException({ detail: message }, status);
    case 'indi-allsky':
      return new HttpException({ error: message }, status);
    case 'nina':
      return new HttpException({ message }, status);
    default:
      return new HttpException({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message }, status);
  }
}
