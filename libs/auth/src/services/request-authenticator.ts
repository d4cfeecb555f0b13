import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { TokenService } from '../crypto/token.service';
import { readCredential } from '../guard/credentials';
import { LoopbackPolicy } from '../guard/request-origin';
import { ApiKeyService } from './api-key.service';
import { AuthDirectory } from './auth-directory';
import { LOOPBACK_PRINCIPAL, type Principal } from './principal';

/** Refusal reasons that say nothing worth adding for a remote caller. */
const LOCAL_ONLY_REASONS = /^(loopback trust is off|not from this machine)$/;

type AuthRequest = Pick<Request, 'headers' | 'query' | 'socket'>;

/**
 * Who is calling: the one implementation behind the HTTP guard and the websocket gateways (the
 * guard does not run for websocket upgrades), so both apply the same rules.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly loopback: LoopbackPolicy,
    private readonly tokens: TokenService,
    private readonly apiKeys: ApiKeyService,
    private readonly directory: AuthDirectory,
  ) {}

  /** The caller's principal, or why there is none. Presented credentials are always checked, even from loopback. */
  async authenticate(req: AuthRequest): Promise<Principal | string> {
    const credential = readCredential(req);
    if (!credential) {
      const notLocal = this.loopback.refusal(req);
      if (!notLocal) return LOOPBACK_PRINCIPAL;
      return 'no credentials: send Authorization: Bearer <token from POST /login>, or an API key (X-API-KEY)' + (LOCAL_ONLY_REASONS.test(notLocal) ? '' : ` (not trusted as local: ${notLocal})`);
    }
    if (credential.kind === 'unsupported') return credential.reason;
    if (credential.kind === 'api-key') return (await this.apiKeys.authenticate(credential.key)) ?? 'invalid or revoked API key';
    const claims = this.tokens.verify(credential.token);
    if (!claims) return 'invalid or expired token';
    const user = await this.directory.user(claims.uid);
    if (!user?.isActive || claims.iat < user.tokensValidAfter) return 'token is no longer valid; log in again';
    // Current permissions, not the token's copy: a role taken away applies at once.
    return { via: 'jwt', user: { id: user.id, username: user.username, isAdmin: user.isAdmin }, permissions: user.permissions, expiresAt: claims.exp };
  }

  /**
   * A websocket upgrade: browsers cannot set headers on it, so `?token=<jwt>` and `?api_key=<key>`
   * in the URL are accepted as well as the headers.
   */
  authenticateUpgrade(request: IncomingMessage): Promise<Principal | string> {
    const query = Object.fromEntries(new URL(request.url ?? '/', 'http://localhost').searchParams);
    const headers = query.token && !request.headers.authorization ? { ...request.headers, authorization: `Bearer ${query.token}` } : request.headers;
    return this.authenticate({ headers, query, socket: request.socket } as AuthRequest);
  }
}
