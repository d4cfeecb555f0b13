import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import { hasPermission, RequestAuthenticator } from '@app/auth';

/**
 * The HTTP guard does not run for websockets, so /v2/socket checks the same rules on connect
 * through auth's RequestAuthenticator: a direct loopback peer is trusted (AUTH_TRUST_LOOPBACK),
 * otherwise `?token=<jwt>`, `?api_key=<key>` or the usual headers, with equipment:read.
 */
@Injectable()
export class SocketAuthenticator {
  constructor(private readonly authenticator: RequestAuthenticator) {}

  /** Undefined when allowed, otherwise why not. */
  async refuse(request: IncomingMessage): Promise<string | undefined> {
    const principal = await this.authenticator.authenticateUpgrade(request);
    if (typeof principal === 'string') return principal;
    if (principal.apiKey?.scope === 'upload') return 'an upload-scoped API key may only be used to upload';
    return hasPermission(principal.permissions, 'equipment', 'read') ? undefined : 'missing permission equipment:read';
  }
}
