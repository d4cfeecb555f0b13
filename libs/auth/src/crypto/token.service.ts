import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, onFirstUse } from '@app/core';
import type { PermissionMap } from '../permissions/permissions';
import { AuthSecrets } from './auth-secrets';

/** The claims of a login token: the Allsky Server's shape (sub = username, permissions) plus the user id. */
export interface TokenClaims {
  sub: string;
  uid: string;
  permissions: PermissionMap;
  iat: number;
  exp: number;
}

/**
 * jsonwebtoken (76 files with semver and jws, ~40 ms) is loaded by the first login or token, not at
 * every start: a rig whose clients use API keys or loopback trust never needs it (bench/startup.js).
 */
const jwt = onFirstUse(() => require('jsonwebtoken') as typeof import('jsonwebtoken'));

/** Verified tokens remembered (bounded): a dashboard sends the same token with every request. */
const MAX_REMEMBERED_TOKENS = 10_000;

@Injectable()
export class TokenService {
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    private readonly secrets: AuthSecrets,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get ttlSeconds(): number {
    return this.config.auth.jwtTtlSeconds;
  }

  sign(user: { id: string; username: string }, permissions: PermissionMap): string {
    const iat = Math.floor(this.clock.nowMs() / 1000);
    return jwt().sign({ sub: user.username, uid: user.id, permissions, iat, exp: iat + this.ttlSeconds }, this.secrets.jwtKey, {
      algorithm: 'HS256',
    });
  }

  /**
   * The claims of a valid, unexpired HS256 token; undefined for anything else. A token already
   * verified is recognised by its exact text (signature included) and only its expiry is checked
   * again, which saves the HMAC and JSON work on every request of a polling client.
   */
  verify(token: string): TokenClaims | undefined {
    const now = Math.floor(this.clock.nowMs() / 1000);
    const known = this.verified.get(token);
    if (known) {
      if (now < known.exp) return known;
      this.verified.delete(token);
      return undefined;
    }
    let claims: Partial<TokenClaims>;
    try {
      claims = jwt().verify(token, this.secrets.jwtKey, { algorithms: ['HS256'], clockTimestamp: now }) as Partial<TokenClaims>;
    } catch {
      return undefined;
    }
    if (typeof claims.sub !== 'string' || typeof claims.uid !== 'string' || typeof claims.exp !== 'number' || typeof claims.permissions !== 'object' || !claims.permissions) {
      return undefined;
    }
    if (this.verified.size >= MAX_REMEMBERED_TOKENS) this.verified.clear();
    this.verified.set(token, claims as TokenClaims);
    return claims as TokenClaims;
  }
}
