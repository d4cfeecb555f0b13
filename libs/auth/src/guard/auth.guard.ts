import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AppConfig, ROUTE_ACCESS, WIRE_FAMILY, type RouteAccess, type WireFamily } from '@app/core';
import { TokenService } from '../crypto/token.service';
import { hasPermission } from '../permissions/permissions';
import { ApiKeyService } from '../services/api-key.service';
import { AuthDirectory } from '../services/auth-directory';
import { LOOPBACK_PRINCIPAL, type Principal, type RequestWithPrincipal } from '../services/principal';
import { renderAuthFailure, type AuthFailure } from './auth-failure';
import { readCredential } from './credentials';
import { isDirectLoopbackRequest } from './request-origin';

/**
 * The single global guard. Every route declares its access (public, signed, authenticated, or a
 * resource permission) with one decorator; a route that declares nothing is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly tokens: TokenService,
    private readonly apiKeys: ApiKeyService,
    private readonly directory: AuthDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // websocket gateways authenticate on connect
    const targets = [context.getHandler(), context.getClass()];
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, targets);
    const family = this.reflector.getAllAndOverride<WireFamily | undefined>(WIRE_FAMILY, targets) ?? 'skygate';
    const req = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    const res = context.switchToHttp().getResponse<Response>();
    const fail = (failure: AuthFailure) => {
      if (failure.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="skygate"');
      return renderAuthFailure(family, failure);
    };

    if (!access) throw fail({ status: 403, message: 'this route declares no permission, so nobody may call it' });
    if (access.kind === 'public' || access.kind === 'signed') return true;

    const principal = await this.authenticate(req);
    if (typeof principal === 'string') throw fail({ status: 401, message: principal });

    if (principal.apiKey?.scope === 'upload' && !(access.kind === 'permission' && access.upload)) {
      throw fail({ status: 403, message: 'an upload-scoped API key may only be used to upload' });
    }
    if (access.kind === 'permission' && !hasPermission(principal.permissions, access.resource, access.action)) {
      throw fail({ status: 403, message: `missing permission ${access.resource}:${access.action}`, resource: access.resource, action: access.action });
    }
    req.principal = principal;
    return true;
  }

  /** The caller's principal, or why there is none. Presented credentials are always checked, even from loopback. */
  private async authenticate(req: Request): Promise<Principal | string> {
    const credential = readCredential(req);
    if (!credential) {
      if (this.config.auth.trustLoopback && isDirectLoopbackRequest(req)) return LOOPBACK_PRINCIPAL;
      return 'no credentials: send Authorization: Bearer <token from POST /login>, or an API key (X-API-KEY)';
    }
    if (credential.kind === 'unsupported') return credential.reason;
    if (credential.kind === 'api-key') return (await this.apiKeys.authenticate(credential.key)) ?? 'invalid or revoked API key';
    const claims = this.tokens.verify(credential.token);
    if (!claims) return 'invalid or expired token';
    const user = await this.directory.user(claims.uid);
    if (!user?.isActive || claims.iat < user.tokensValidAfter) return 'token is no longer valid; log in again';
    // Current permissions, not the token's copy: a role taken away applies at once.
    return { via: 'jwt', user: { id: user.id, username: user.username, isAdmin: user.isAdmin }, permissions: user.permissions };
  }
}
