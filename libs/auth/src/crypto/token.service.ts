import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { AppConfig, Clock } from '@app/core';
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

@Injectable()
export class TokenService {
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
    return jwt.sign({ sub: user.username, uid: user.id, permissions, iat, exp: iat + this.ttlSeconds }, this.secrets.jwtKey, {
      algorithm: 'HS256',
    });
  }

  /** The claims of a valid, unexpired HS256 token; undefined for anything else. */
  verify(token: string): TokenClaims | undefined {
    try {
      const claims = jwt.verify(token, this.secrets.jwtKey, {
        algorithms: ['HS256'],
        clockTimestamp: Math.floor(this.clock.nowMs() / 1000),
      }) as Partial<TokenClaims>;
      if (typeof claims.sub !== 'string' || typeof claims.uid !== 'string' || typeof claims.permissions !== 'object' || !claims.permissions) return undefined;
      return claims as TokenClaims;
    } catch {
      return undefined;
    }
  }
}
