import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import { AppConfig, Clock } from '@app/core';
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

/** What changed: one user (and anything resolving through it), one key, or everything. */
export type AuthChange = { user: string } | { key: string } | { all: true };

const MAX_CACHED_KEYS = 10_000;

interface Cached<T> {
  value: T | null;
  expiresAtMs: number;
}

export function effectivePermissions(user: Pick<UserEntity, 'isAdmin' | 'roles'>): PermissionMap {
  return user.isAdmin ? FULL_ACCESS : mergePermissions((user.roles ?? []).map((r) => r.permissions));
}

/**
 * What the guard needs per request (is this user active, what may it do, which user owns this key
 * hash), cached in memory so an authenticated request costs no database query. This process's
 * services tell the directory to forget on every change; other processes sharing PostgreSQL reach
 * it through AuthChangeListener (LISTEN/NOTIFY); AUTH_CACHE_TTL_SECONDS bounds the staleness if a
 * notification is ever lost. Every forget is published on `changes` (open websockets re-check).
 */
@Injectable()
export class AuthDirectory {
  private readonly users = new Map<string, Cached<KnownUser>>();
  private readonly keys = new Map<string, Cached<KnownKey>>();
  private readonly changeSubject = new Subject<AuthChange>();
  /** Bumped on every forget: a lookup that started before it must not store what it read. */
  private generation = 0;
  readonly changes: Observable<AuthChange> = this.changeSubject.asObservable();

  constructor(
    private readonly userRepository: UserRepository,
    private readonly apiKeyRepository: ApiKeyRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async user(id: string): Promise<KnownUser | undefined> {
    const cached = this.fresh(this.users, id);
    if (cached) return cached.value ?? undefined;
    const generation = this.generation;
    const entity = await this.userRepository.findById(id);
    const value = entity && {
      id: entity.id,
      username: entity.username,
      isAdmin: entity.isAdmin,
      isActive: entity.isActive,
      tokensValidAfter: Math.floor(entity.tokensValidAfter.getTime() / 1000),
      roles: (entity.roles ?? []).map((r) => r.name).sort(),
      permissions: effectivePermissions(entity),
    };
    if (generation === this.generation) this.users.set(id, this.entry(value));
    return value ?? undefined;
  }

  async keyByHash(keyHash: string): Promise<KnownKey | undefined> {
    const cached = this.fresh(this.keys, keyHash);
    if (cached) return cached.value ?? undefined;
    const generation = this.generation;
    const entity = await this.apiKeyRepository.findByHash(keyHash);
    const value = entity && { id: entity.id, userId: entity.userId, scope: entity.scope, revoked: entity.revokedAt !== null };
    // Unknown hashes are remembered too (bounded), so guessing keys costs no database query.
    if (this.keys.size >= MAX_CACHED_KEYS) this.keys.clear();
    if (generation === this.generation) this.keys.set(keyHash, this.entry(value));
    return value ?? undefined;
  }

  forgetUser(id: string): void {
    this.generation++;
    this.users.delete(id);
    this.changeSubject.next({ user: id });
  }

  forgetKey(keyHash: string): void {
    this.generation++;
    this.keys.delete(keyHash);
    this.changeSubject.next({ key: keyHash });
  }

  /** After role edits or user deletion, when many entries may be stale. */
  forgetAll(): void {
    this.generation++;
    this.users.clear();
    this.keys.clear();
    this.changeSubject.next({ all: true });
  }

  private entry<T>(value: T | null): Cached<T> {
    return { value, expiresAtMs: this.clock.nowMs() + this.config.auth.cacheTtlSeconds * 1000 };
  }

  private fresh<T>(map: Map<string, Cached<T>>, key: string): Cached<T> | undefined {
    const cached = map.get(key);
    if (cached && this.clock.nowMs() < cached.expiresAtMs) return cached;
    if (cached) map.delete(key);
    return undefined;
  }
}
