import type { ApiKeyEntity } from '../entities/api-key.entity';
import type { UserEntity } from '../entities/user.entity';
import type { Principal } from '../services/principal';
import type { ApiKeyDto, PrincipalDto, UserDto } from './auth.dto';

export const toUserDto = (u: UserEntity): UserDto => ({
  id: u.id,
  username: u.username,
  fullName: u.fullName,
  email: u.email,
  isActive: u.isActive,
  isAdmin: u.isAdmin,
  roles: (u.roles ?? []).map((r) => r.name).sort(),
  createdAt: u.createdAt.toISOString(),
});

export const toApiKeyDto = (k: ApiKeyEntity): ApiKeyDto => ({
  id: k.id,
  name: k.name,
  scope: k.scope,
  signing: k.encryptedKey !== null,
  prefix: k.keyPrefix,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

export const toPrincipalDto = (p: Principal, roles: string[]): PrincipalDto => ({
  via: p.via,
  username: p.user?.username,
  userId: p.user?.id,
  isAdmin: p.user?.isAdmin ?? p.via === 'loopback',
  roles,
  permissions: p.permissions,
  apiKeyScope: p.apiKey?.scope,
});
