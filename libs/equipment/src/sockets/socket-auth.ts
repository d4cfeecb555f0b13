import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { WebSocket } from 'ws';
import { hasPermission, RequestAuthenticator } from '@app/auth';

/** Close codes for refused sockets (RFC 6455 private range, mirroring HTTP 401 and 403). */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;

export interface SocketRefusal {
  code: typeof CLOSE_UNAUTHORIZED | typeof CLOSE_FORBIDDEN;
  reason: string;
}

/**
 * The HTTP guard does not run for websockets, so the equipment sockets check the same rules on
 * connect through auth's RequestAuthenticator: a direct loopback peer is trusted
 * (AUTH_TRUST_LOOPBACK), otherwise `?token=<jwt>`, `?api_key=<key>` or the usual headers, with
 * equipment:read (/v2/socket) or equipment:update (sockets that move devices).
 */
@Injectable()
export class SocketAuthenticator {
  constructor(private readonly authenticator: RequestAuthenticator) {}

  /** Undefined when allowed, otherwise why not and the close code to use. */
  async refuse(request: IncomingMessage, action: 'read' | 'update' = 'read'): Promise<SocketRefusal | undefined> {
    const principal = await this.authenticator.authenticateUpgrade(request);
    if (typeof principal === 'string') return { code: CLOSE_UNAUTHORIZED, reason: principal };
    if (principal.apiKey?.scope === 'upload') return { code: CLOSE_FORBIDDEN, reason: 'an upload-scoped API key may only be used to upload' };
    return hasPermission(principal.permissions, 'equipment', action) ? undefined : { code: CLOSE_FORBIDDEN, reason: `missing permission equipment:${action}` };
  }

  /**
   * Runs the check for a freshly opened socket and closes it when refused. Messages that arrive
   * meanwhile wait for the outcome (none may act, nothing may leak to a refused client).
   */
  async admit(client: WebSocket, request: IncomingMessage, action: 'read' | 'update', onRefused: (reason: string) => void): Promise<boolean> {
    const refusal = await this.refuse(request, action);
    if (refusal) {
      onRefused(refusal.reason);
      client.close(refusal.code, refusal.reason.slice(0, 120));
      return false;
    }
    return client.readyState === client.OPEN;
  }
}
