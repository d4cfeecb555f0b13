import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { asWireAnswer } from '@app/core';
import { DeviceRefusal } from '../drivers/contract/device-driver';

/** ninaAPI v2's response wrapper (CoreUtility.cs HttpResponse). `Type` is "Socket" on the websocket. */
export interface NinaEnvelope<T = unknown> {
  Response: T;
  Error: string;
  StatusCode: number;
  Success: boolean;
  Type: 'API' | 'Socket';
}

export function ninaOk<T>(response: T, type: 'API' | 'Socket' = 'API'): NinaEnvelope<T> {
  return { Response: response, Error: '', StatusCode: 200, Success: true, Type: type };
}

export function ninaFailure(message: string, code: number, type: 'API' | 'Socket' = 'API'): NinaEnvelope<''> {
  return { Response: '', Error: message, StatusCode: code, Success: false, Type: type };
}

/**
 * An outcome ninaAPI reports in the envelope: 400 bad parameters, 409 device state
 * (not connected, exposing, parked ...), 404 no image, 500 unexpected. The HTTP status stays 200.
 */
export class NinaError extends Error {
  constructor(
    message: string,
    readonly code: 400 | 404 | 409 | 500 | 501,
  ) {
    super(message);
    this.name = 'NinaError';
  }
}

export const notConnected = (device: string): NinaError => new NinaError(`${device} not connected`, 409);
export const badParameter = (message: string): NinaError => new NinaError(message, 400);

/**
 * Renders every failure of a NINA route as the envelope with HTTP 200, as ninaAPI does
 * (it never sets the HTTP status). Authentication failures keep the status the auth layer
 * chose (401/403) because Skygate adds auth that ninaAPI lacks; their body is the envelope too.
 */
@Catch()
export class NinaEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('NinaApi');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const exception = asWireAnswer(thrown, res, 'nina');
    if (exception instanceof NinaError) {
      res.status(200).json(ninaFailure(exception.message, exception.code));
      return;
    }
    if (exception instanceof DeviceRefusal) {
      res.status(200).json(ninaFailure(exception.message, exception.code));
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'StatusCode' in body) {
        res.status(exception.getStatus()).json(body);
        return;
      }
      const status = exception.getStatus();
      const message = typeof body === 'object' && body !== null && 'message' in body ? String((body as { message: unknown }).message) : exception.message;
      res.status(200).json(ninaFailure(message, status >= 500 ? 500 : status === 404 ? 404 : 400));
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    res.status(200).json(ninaFailure('Unknown error', 500));
  }
}
