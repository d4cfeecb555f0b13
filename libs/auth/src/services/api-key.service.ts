import { hash, randomBytes } from 'node:crypto';
import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Clock } from '@app/core';
import { SecretBox } from '../crypto/secret-box';
import type { ApiKeyEntity, ApiKeyScope } from '../entities/api-key.entity';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { AuthDirectory } from './auth-directory';
import type { Principal } from './principal';

export const API_KEY_PREFIX = 'sg_';
const LAST_USED_RESOLUTION_MS = 60_000;

/** One-shot `hash`, not a Hash object: every request with a key pays for this (~3× cheaper). */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

export interface NewApiKey {
  name: string;
  scope: ApiKeyScope;
  /** Also keep the key encrypted so it can verify indi-allsky SyncAPI signatures (HMAC needs the key itself). */
  signing?: boolean;
}

@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger(ApiKeyService.name);
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly directory: AuthDirectory,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  /** Creates a key and returns it in plain text: the only time it is ever shown. */
  async create(userId: string, input: NewApiKey): Promise<{ key: string; entity: ApiKeyEntity }> {
    const name = input.name?.trim();
    if (!name) throw new BadRequestException('name must not be empty');
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const entity = await this.keys.create({
      userId,
      name,
      scope: input.scope,
      keyHash: hashApiKey(key),
      keyPrefix: key.slice(0, API_KEY_PREFIX.length + 6),
      encryptedKey: input.signing ? this.box.seal(key) : null,
    });
    return { key, entity };
  }

  list(userId: string): Promise<ApiKeyEntity[]> {
    return this.keys.listForUser(userId);
  }

  async revoke(userId: string, keyId: string): Promise<ApiKeyEntity> {
    const key = await this.keys.findForUser(userId, keyId);
    if (!key) throw new NotFoundException(`no API key ${keyId} for this user`);
    await this.keys.revoke(key.id, this.clock.now());
    this.directory.forgetKey(key.keyHash);
    return (await this.keys.findForUser(userId, keyId))!;
  }

  /** The principal of a presented key, or undefined when it is unknown, revoked or its user inactive. */
  async authenticate(presented: string): Promise<Principal | undefined> {
    const key = await this.directory.keyByHash(hashApiKey(presented));
    if (!key || key.revoked) return undefined;
    const user = await this.directory.user(key.userId);
    if (!user?.isActive) return undefined;
    this.recordUse(key.id);
    return {
      via: 'api-key',
      user: { id: user.id, username: user.username, isAdmin: user.isAdmin },
      permissions: user.permissions,
      apiKey: { id: key.id, scope: key.scope },
    };
  }

  /** Notes when a key was last used, at most once a minute per key, off the request path. */
  recordUse(keyId: string): void {
    const now = this.clock.nowMs();
    if (now - (this.lastTouched.get(keyId) ?? -Infinity) < LAST_USED_RESOLUTION_MS) return;
    this.lastTouched.set(keyId, now);
    this.keys.touch(keyId, new Date(now)).catch((err: unknown) => this.logger.warn(`could not record API key use: ${String(err)}`));
  }
}
