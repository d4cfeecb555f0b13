import { ForbiddenException, Injectable } from '@nestjs/common';
import type { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, PrincipalDto } from '../dtos/auth.dto';
import { toApiKeyDto, toPrincipalDto } from '../dtos/mappers';
import { ApiKeyService } from './api-key.service';
import { AuthDirectory } from './auth-directory';
import type { Principal } from './principal';

/** What a signed-in caller may see and do about itself. */
@Injectable()
export class MeService {
  constructor(
    private readonly directory: AuthDirectory,
    private readonly keys: ApiKeyService,
  ) {}

  async describe(principal: Principal): Promise<PrincipalDto> {
    // From the in-memory directory: dashboards poll this, and it should cost no query.
    const roles = principal.user ? ((await this.directory.user(principal.user.id))?.roles ?? []) : [];
    return toPrincipalDto(principal, roles);
  }

  async listKeys(principal: Principal): Promise<ApiKeyDto[]> {
    return (await this.keys.list(this.userId(principal))).map(toApiKeyDto);
  }

  async createKey(principal: Principal, body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { key, entity } = await this.keys.create(this.userId(principal), { name: body.name, scope: body.scope ?? 'full', signing: body.signing });
    return { ...toApiKeyDto(entity), key };
  }

  async revokeKey(principal: Principal, id: string): Promise<ApiKeyDto> {
    return toApiKeyDto(await this.keys.revoke(this.userId(principal), id));
  }

  private userId(principal: Principal): string {
    if (!principal.user) throw new ForbiddenException('a local request without credentials has no user; log in to manage API keys');
    return principal.user.id;
  }
}
