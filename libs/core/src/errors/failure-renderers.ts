import { HttpException } from '@nestjs/common';
import type { PermissionAction, WireFamily } from '../security/access';

/** A refusal raised by shared code (auth, body checks) before a family's handler runs. */
export interface WireFailure {
  status: number;
  message: string;
  /** Set when a permission is missing. */
  resource?: string;
  action?: PermissionAction;
}

export type FailureRenderer = (failure: WireFailure) => HttpException;

const STATUS_TEXT: Record<number, string> = { 401: 'Authentication required', 415: 'Unsupported Media Type' };

/** Skygate's and the Allsky Server's shape (Mycodo's too): `{statusCode, error, message}` with the Allsky Server's texts. */
export const renderDefaultFailure: FailureRenderer = (failure) => {
  const error = STATUS_TEXT[failure.status] ?? (failure.resource ? `Access denied for ${failure.action} on ${failure.resource}` : 'Access denied');
  return new HttpException({ statusCode: failure.status, error, message: failure.message }, failure.status);
};

const renderers = new Map<WireFamily, FailureRenderer>();

/**
 * Each feature registers how its wire family shapes shared failures (in its module's
 * onModuleInit), so shared code never knows a family's envelope. Families without one get the
 * default shape.
 */
export function registerFailureRenderer(family: WireFamily, renderer: FailureRenderer): void {
  renderers.set(family, renderer);
}

export function renderFailure(family: WireFamily, failure: WireFailure): HttpException {
  return (renderers.get(family) ?? renderDefaultFailure)(failure);
}
