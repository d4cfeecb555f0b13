import { Injectable } from '@nestjs/common';
import type { ApiKeyScope } from '../entities/api-key.entity';
import type { UserEntity } from '../entities/user.entity';
import { FULL_ACCESS, mergePermissions, type PermissionMap } from '../permissions/permissions';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { UserRepository } from '../repositories/user.repository';

export interface KnownUser {
  id: string;
  username: string;
  isAdmin: boolean;
  isActive: boolean;
  /** Unix seconds; tokens issued earlier are refused. */
  tokensValidAfter: number;
  roles: string[];
  permissions: PermissionMap;
}

export interface KnownKey {
  id: string;
  userId: string;
  scope: ApiKeyScope;
  revoked: boolean;
}

const MAX_CACHED_KEYS = 10_000;

export function effectivePermissions(user: Pick<UserEntity, 'isAdmin' | 'roles'>): PermissionMap {
  return user.isAdmin ? FULL_ACCESS : mergePermissions((user.roles ?? []).map((r) => r.permissions));
}

/**
 * What the guard needs per request (is this user active, what may it do, which user owns this key
 * hash), cached in memory so an authenticated request costs no database query. Every change to
 * users, roles or keys goes through the services, which tell the directory to forget.
 */
@Injectable()
export class AuthDirectory {
  private readonly users = new Map<string, KnownUser | null>();
  private readonly keys = new Map<string, KnownKey | null>();

  constructor(
    private readonly userRepository: UserRepository,
    private readonly apiKeyRepository: ApiKeyRepository,
  ) {}

  async user(id: string): Promise<KnownUser | undefined> {
    if (!this.users.has(id)) {
      const entity = await this.userRepository.findById(id);
      this.users.set(
        id,
        entity && {
          id: entity.id,
          username: entity.username,
          isAdmin: entity.isAdmin,
          isActive: entity.isActive,
          tokensValidAfter: Math.floor(entity.tokensValidAfter.getTime() / 1000),
          roles: (entity.roles ?? []).map((r) => r.name).sort(),
          permissions: effectivePermissions(entity),
        },
      );
    }
    return this.users.get(id) ?? undefined;
  }

  async keyByHash(keyHash: string): Promise<KnownKey | undefined> {
    if (!this.keys.has(keyHash)) {
      const entity = await this.apiKeyRepository.findByHash(keyHash);
      // Unknown hashes are remembered too (bounded), so guessing keys costs no database query.
      if (this.keys.size >= MAX_CACHED_KEYS) this.keys.clear();
      this.keys.set(keyHash, entity && { id: entity.id, userId: entity.userId, scope: entity.scope, revoked: entity.revokedAt !== null });
    }
    return this.keys.get(keyHash) ?? undefined;
  }

  forgetUser(id: string): void {
    this.users.delete(id);
  }

  forgetKey(keyHash: string): void {
    this.keys.delete(keyHash);
  }

  /** After role edits or user deletion, when many entries may be stale. */
  forgetAll(): void {
    this.users.clear();
    this.keys.clear();
  }
}
