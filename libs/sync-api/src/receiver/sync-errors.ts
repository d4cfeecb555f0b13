import { HttpException, HttpStatus } from '@nestjs/common';

/** indi-allsky's error shape: `{"error": "<text>"}`, HTTP 400 unless said otherwise. */
export function syncError(error: string, status: number = HttpStatus.BAD_REQUEST): HttpException {
  return new HttpException({ error }, status);
}

export const AUTHENTICATION_FAILED = 'authentication failed';
