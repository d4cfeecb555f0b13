import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../decorators/access.decorators';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, CreateUserDto, SetRolesDto, UpdateUserDto, UserDto } from '../dtos/auth.dto';
import { UserAdminService } from '../services/user-admin.service';

@ApiTags('Users')
@Controller('users')
export class UsersController {
  constructor(private readonly admin: UserAdminService) {}

  @Get()
  @RequirePermission('users', 'read')
  @ApiOperation({ summary: 'List users' })
  @ApiOkResponse({ type: [UserDto] })
  listUsers(): Promise<UserDto[]> {
    return this.admin.list();
  }

  @Post()
  @RequirePermission('users', 'update')
  @ApiOperation({ summary: 'Create a user (password hashed with argon2id)' })
  @ApiCreatedResponse({ type: UserDto })
  createUser(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.admin.create(body);
  }

  @Get(':id')
  @RequirePermission('users', 'read')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserDto })
  getUser(@Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.admin.get(id);
  }

  @Patch(':id')
  @RequirePermission('users', 'update')
  @ApiOperation({ summary: 'Change name, email, flags or password; deactivation and a new password end the user\'s sessions' })
  @ApiOkResponse({ type: UserDto })
  updateUser(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.admin.update(id, body);
  }

  @Delete(':id')
  @RequirePermission('users', 'update')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user and its API keys' })
  @ApiNoContentResponse()
  deleteUser(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.admin.delete(id);
  }

  @Put(':id/roles')
  @RequirePermission('users', 'update')
  @ApiOperation({ summary: "Replace the user's roles" })
  @ApiOkResponse({ type: UserDto })
  setUserRoles(@Param('id', ParseUUIDPipe) id: string, @Body() body: SetRolesDto): Promise<UserDto> {
    return this.admin.setRoles(id, body.roles);
  }

  @Get(':id/api-keys')
  @RequirePermission('users', 'read')
  @ApiOperation({ summary: "A user's API keys (never the keys themselves)" })
  @ApiOkResponse({ type: [ApiKeyDto] })
  listUserApiKeys(@Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyDto[]> {
    return this.admin.listKeys(id);
  }

  @Post(':id/api-keys')
  @RequirePermission('users', 'update')
  @ApiOperation({ summary: 'Create an API key for a user; the key is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  createUserApiKey(@Param('id', ParseUUIDPipe) id: string, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.admin.createKey(id, body);
  }

  @Delete(':id/api-keys/:keyId')
  @RequirePermission('users', 'update')
  @ApiOperation({ summary: "Revoke a user's API key" })
  @ApiOkResponse({ type: ApiKeyDto })
  revokeUserApiKey(@Param('id', ParseUUIDPipe) id: string, @Param('keyId', ParseUUIDPipe) keyId: string): Promise<ApiKeyDto> {
    return this.admin.revokeKey(id, keyId);
  }
}
