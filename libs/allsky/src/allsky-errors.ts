import { HttpException, HttpStatus } from '@nestjs/common';
import { GpioCapabilityError, GpioUnavailableError } from '@app/gpio';

/**
 * Errors in the Allsky Server's wire shape, `{"error": text}` (plus `type` and `message` for
 * backend failures), with its status codes and texts (reference B.1).
 */
export class AllskyHttpError extends HttpException {
  constructor(status: number, error: string, extra: { type?: string; message?: string } = {}) {
    super({ error, ...extra }, status);
  }
}

export const invalidPin = (raw: unknown) => new AllskyHttpError(HttpStatus.BAD_REQUEST, `Invalid GPIO pin ${pythonStr(raw)}`);

/** Turns a driver failure into 503 (backend unavailable), 400 (capability) or 500 ("Failed to ..."). */
export function backendFailure(err: unknown, failedTo: string): HttpException {
  if (err instanceof HttpException) return err;
  const type = err instanceof Error ? err.name : typeof err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof GpioUnavailableError) return new AllskyHttpError(HttpStatus.SERVICE_UNAVAILABLE, 'GPIO backend unavailable', { type, message });
  if (err instanceof GpioCapabilityError) return new AllskyHttpError(HttpStatus.BAD_REQUEST, message);
  return new AllskyHttpError(HttpStatus.INTERNAL_SERVER_ERROR, `Failed to ${failedTo}`, { type, message });
}

/** How Python's str() prints a JSON value, so error texts read as the Allsky Server's do. */
export function pythonStr(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Python's int() on a JSON value: numbers truncate, digit strings parse, anything else is the ValueError text (400). */
export function pythonInt(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  const shown = typeof value === 'string' ? `'${value}'` : pythonStr(value);
  throw new AllskyHttpError(HttpStatus.BAD_REQUEST, `invalid literal for int() with base 10: ${shown}`);
}
