import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireLogin } from '../decorators/access.decorators';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, PrincipalDto } from '../dtos/auth.dto';
import { MeService } from '../services/me.service';
import type { Principal } from '../services/principal';

@ApiTags('Auth')
@Controller('auth')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get('me')
  @RequireLogin()
  @ApiOperation({ summary: 'The caller: how it authenticated, its roles and permissions' })
  @ApiOkResponse({ type: PrincipalDto })
  getMe(@CurrentPrincipal() principal: Principal): Promise<PrincipalDto> {
    return this.me.describe(principal);
  }

  @Get('api-keys')
  @RequireLogin()
  @ApiOperation({ summary: "The caller's API keys (never the keys themselves)" })
  @ApiOkResponse({ type: [ApiKeyDto] })
  listMyApiKeys(@CurrentPrincipal() principal: Principal): Promise<ApiKeyDto[]> {
    return this.me.listKeys(principal);
  }

  @Post('api-keys')
  @RequireLogin()
  @ApiOperation({ summary: 'Create an API key for the caller; the key is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  createMyApiKey(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.me.createKey(principal, body);
  }

  @Delete('api-keys/:id')
  @RequireLogin()
  @ApiOperation({ summary: 'Revoke one of the caller\'s API keys; it stops working at once' })
  @ApiOkResponse({ type: ApiKeyDto })
  revokeMyApiKey(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyDto> {
    return this.me.revokeKey(principal, id);
  }
}
