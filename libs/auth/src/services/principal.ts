import type { ApiKeyScope } from '../entities/api-key.entity';
import { FULL_ACCESS, type PermissionMap } from '../permissions/permissions';

/** Who is calling, however they proved it; attached to the request by the guard. */
export interface Principal {
  via: 'jwt' | 'api-key' | 'signature' | 'loopback';
  /** Absent for trusted loopback requests, which carry no credentials. */
  user?: { id: string; username: string; isAdmin: boolean };
  permissions: PermissionMap;
  apiKey?: { id: string; scope: ApiKeyScope };
  /** Unix seconds when the login token ends (JWT only); open websockets close then. */
  expiresAt?: number;
}

export const LOOPBACK_PRINCIPAL: Principal = Object.freeze({ via: 'loopback', permissions: FULL_ACCESS }) as Principal;

export type RequestWithPrincipal = { principal?: Principal };
