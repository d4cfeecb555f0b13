import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import { ApiKeyService, hasPermission, isDirectLoopbackRequest, TokenService } from '@app/auth';
import { AuthDirectory } from '@app/auth/services/auth-directory';
import { AppConfig } from '@app/core';

/**
 * The HTTP guard does not run for websockets, so the sockets check the same rules on connect:
 * a direct loopback peer is trusted (AUTH_TRUST_LOOPBACK), otherwise `?token=<jwt>`,
 * `?api_key=<key>`, `Authorization: Bearer <jwt>` or `X-API-KEY` with equipment:read.
 */
@Injectable()
export class SocketAuthenticator {
  constructor(
    private readonly config: AppConfig,
    private readonly tokens: TokenService,
    private readonly apiKeys: ApiKeyService,
    private readonly directory: AuthDirectory,
  ) {}

  /** Undefined when allowed, otherwise why not. */
  async refuse(request: IncomingMessage): Promise<string | undefined> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = url.searchParams.get('token') ?? bearer;
    const headerKey = request.headers['x-api-key'];
    const key = url.searchParams.get('api_key') ?? (typeof headerKey === 'string' ? headerKey : undefined);
    if (!token && !key) {
      if (this.config.auth.trustLoopback && isDirectLoopbackRequest(request as never)) return undefined;
      return 'no credentials: add ?api_key=<key> or ?token=<jwt>';
    }
    if (key) {
      const principal = await this.apiKeys.authenticate(key);
      if (!principal) return 'invalid or revoked API key';
      if (principal.apiKey?.scope === 'upload') return 'an upload-scoped API key may only be used to upload';
      return hasPermission(principal.permissions, 'equipment', 'read') ? undefined : 'missing permission equipment:read';
    }
    const claims = this.tokens.verify(token!);
    if (!claims) return 'invalid or expired token';
    const user = await this.directory.user(claims.uid);
    if (!user?.isActive || claims.iat < user.tokensValidAfter) return 'token is no longer valid; log in again';
    return hasPermission(user.permissions, 'equipment', 'read') ? undefined : 'missing permission equipment:read';
  }
}
