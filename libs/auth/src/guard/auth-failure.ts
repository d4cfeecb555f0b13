import { HttpException, HttpStatus } from '@nestjs/common';
import type { PermissionAction, WireFamily } from '@app/core';

export type AuthFailure =
  | { status: 401 | 415; message: string }
  | { status: 403; message: string; resource?: string; action?: PermissionAction };

/**
 * The one place that turns an authentication or permission failure into each family's wire
 * shape. Skygate, Allsky Server and Mycodo clients read `error`; NINA clients read the envelope;
 * Arcsecond (Django REST) clients read `detail`; the indi-allsky uploader reads `error` on a 400.
 */
export function renderAuthFailure(family: WireFamily, failure: AuthFailure): HttpException {
  const allskyText =
    failure.status === 401 ? 'Authentication required' : failure.status === 415 ? 'Unsupported Media Type' : 'resource' in failure && failure.resource ? `Access denied for ${failure.action} on ${failure.resource}` : 'Access denied';
  switch (family) {
    case 'nina':
      return new HttpException({ Response: '', Error: failure.message, StatusCode: failure.status, Success: false, Type: 'API' }, failure.status);
    case 'arcsecond':
      return new HttpException({ detail: failure.message }, failure.status);
    case 'indi-allsky':
      return new HttpException({ error: 'authentication failed' }, HttpStatus.BAD_REQUEST);
    default:
      return new HttpException({ statusCode: failure.status, error: allskyText, message: failure.message }, failure.status);
  }
}
