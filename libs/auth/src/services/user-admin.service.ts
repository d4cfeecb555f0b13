import { Injectable } from '@nestjs/common';
import type { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, CreateUserDto, UpdateUserDto, UserDto } from '../dtos/auth.dto';
import { toApiKeyDto, toUserDto } from '../dtos/mappers';
import { ApiKeyService } from './api-key.service';
import { UserService } from './user.service';

/** The admin's view of users and their keys, as the HTTP API and the CLI present it. */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly users: UserService,
    private readonly keys: ApiKeyService,
  ) {}

  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map(toUserDto);
  }

  async get(id: string): Promise<UserDto> {
    return toUserDto(await this.users.get(id));
  }

  async create(body: CreateUserDto): Promise<UserDto> {
    return toUserDto(await this.users.create(body));
  }

  async update(id: string, body: UpdateUserDto): Promise<UserDto> {
    return toUserDto(await this.users.update(id, body));
  }

  async delete(id: string): Promise<void> {
    await this.users.delete(id);
  }

  async setRoles(id: string, roles: string[]): Promise<UserDto> {
    return toUserDto(await this.users.setRoles(id, roles));
  }

  async listKeys(userId: string): Promise<ApiKeyDto[]> {
    await this.users.get(userId);
    return (await this.keys.list(userId)).map(toApiKeyDto);
  }

  async createKey(userId: string, body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    await this.users.get(userId);
    const { key, entity } = await this.keys.create(userId, { name: body.name, scope: body.scope ?? 'full', signing: body.signing });
    return { ...toApiKeyDto(entity), key };
  }

  async revokeKey(userId: string, keyId: string): Promise<ApiKeyDto> {
    return toApiKeyDto(await this.keys.revoke(userId, keyId));
  }
}
