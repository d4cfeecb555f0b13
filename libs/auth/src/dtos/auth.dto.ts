import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { ApiKeyScope } from '../entities/api-key.entity';
import type { PermissionMap } from '../permissions/permissions';

export class LoginDto {
  @ApiProperty({ example: 'observer' })
  @IsOptional()
  @IsString()
  username?: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password' })
  @IsOptional()
  @IsString()
  password?: string;
}

export class LoginResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvYnNlcnZlciJ9.c2lnbmF0dXJl', description: 'HS256 JWT: sub = username, permissions = resource → actions' })
  access_token: string;

  @ApiProperty({ enum: ['bearer'], example: 'bearer' })
  token_type: 'bearer';

  @ApiProperty({ example: 1800, description: 'Seconds until the token expires' })
  expires_in: number;
}

const PERMISSIONS_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { type: 'array', items: { type: 'string', enum: ['read', 'update', '*'] } },
  example: { gpio: ['read', 'update'], dashboard: ['read'] },
  description: 'resource → actions; "*" stands for every resource or every action',
};

export class PrincipalDto {
  @ApiProperty({ enum: ['jwt', 'api-key', 'signature', 'loopback'], example: 'jwt', description: 'How the caller proved who it is' })
  via: string;

  @ApiPropertyOptional({ example: 'observer', description: 'Absent for trusted local requests, which carry no credentials' })
  username?: string;

  @ApiPropertyOptional({ example: '3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c' })
  userId?: string;

  @ApiProperty({ example: false })
  isAdmin: boolean;

  @ApiProperty({ type: [String], example: ['operator'] })
  roles: string[];

  @ApiProperty(PERMISSIONS_SCHEMA)
  permissions: PermissionMap;

  @ApiPropertyOptional({ enum: ['full', 'upload'], description: 'Scope of the API key used, when one was' })
  apiKeyScope?: ApiKeyScope;
}

export class UserDto {
  @ApiProperty({ example: '3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c' })
  id: string;

  @ApiProperty({ example: 'observer' })
  username: string;

  @ApiProperty({ nullable: true, type: String, example: 'Ada Observer' })
  fullName: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'ada@example.org' })
  email: string | null;

  @ApiProperty({ example: true })
  isActive: boolean;

  @ApiProperty({ example: false })
  isAdmin: boolean;

  @ApiProperty({ type: [String], example: ['operator'] })
  roles: string[];

  @ApiProperty({ example: '2026-11-22T04:00:00.000Z' })
  createdAt: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'observer', description: 'Letters, digits and . _ @ -; no spaces or colons' })
  @IsString()
  username: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: 8, format: 'password' })
  @IsString()
  @MinLength(8)
  password: string;

  @ApiPropertyOptional({ example: 'Ada Observer' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({ example: 'ada@example.org' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: false, description: 'Admins have every permission' })
  @IsOptional()
  @IsBoolean()
  isAdmin?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['operator'] })
  @IsOptional()
  @IsString({ each: true })
  roles?: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Ada Observer', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fullName?: string | null;

  @ApiPropertyOptional({ example: 'ada@example.org', nullable: true, type: String })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ example: true, description: 'false ends every session of the user at once' })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  isAdmin?: boolean;

  @ApiPropertyOptional({ example: 'a new long password', minLength: 8, format: 'password', description: 'Ends every session of the user' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  password?: string;
}

export class SetRolesDto {
  @ApiProperty({ type: [String], example: ['viewer'] })
  @IsString({ each: true })
  roles: string[];
}

export class RoleDto {
  @ApiProperty({ example: 'operator' })
  name: string;

  @ApiProperty({ example: 'Reads everything but users; operates the hardware and equipment' })
  description: string;

  @ApiProperty(PERMISSIONS_SCHEMA)
  permissions: PermissionMap;

  @ApiProperty({ example: true, description: 'Built-in roles can be edited but not deleted' })
  builtin: boolean;
}

export class CreateRoleDto {
  @ApiProperty({ example: 'night-assistant' })
  @IsString()
  name: string;

  @ApiPropertyOptional({ example: 'Can open the dome and read the archive' })
  @IsOptional()
  @IsString()
  description?: string;

  @ApiProperty(PERMISSIONS_SCHEMA)
  @IsObject()
  permissions: PermissionMap;
}

export class UpdateRoleDto {
  @ApiPropertyOptional({ example: 'Can open the dome and read the archive' })
  @IsOptional()
  @IsString()
  description?: string;

  @ApiPropertyOptional(PERMISSIONS_SCHEMA)
  @IsOptional()
  @IsObject()
  permissions?: PermissionMap;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'dome dashboard' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ enum: ['full', 'upload'], default: 'full', description: 'upload: accepted only by the calls an uploading client makes (operations marked x-skygate-upload, and signed SyncAPI uploads): find its dataset or telescope by name, create a dataset, upload a file' })
  @IsOptional()
  @IsIn(['full', 'upload'])
  scope?: ApiKeyScope;

  @ApiPropertyOptional({
    default: false,
    description:
      'Also usable to sign indi-allsky SyncAPI requests. The HMAC needs the key itself, so such a key is kept AES-256-GCM encrypted (key from SECRETS_KEY or DATA_DIR/secrets) as well as hashed; other keys are stored only as SHA-256.',
  })
  @IsOptional()
  @IsBoolean()
  signing?: boolean;
}

export class ApiKeyDto {
  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  id: string;

  @ApiProperty({ example: 'dome dashboard' })
  name: string;

  @ApiProperty({ enum: ['full', 'upload'], example: 'full' })
  scope: ApiKeyScope;

  @ApiProperty({ example: true, description: 'Can sign indi-allsky SyncAPI requests' })
  signing: boolean;

  @ApiProperty({ example: 'sg_Ab3dE9', description: 'The first characters of the key, to recognise it' })
  prefix: string;

  @ApiProperty({ example: '2026-11-22T04:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ nullable: true, type: String, example: '2026-11-22T05:00:00.000Z', description: 'Recorded to the minute' })
  lastUsedAt: string | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  revokedAt: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ example: 'sg_Ab3dE9fGhIjKlMnOpQrStUvWxYz0123456789-_AbCd', description: 'The key itself. Shown only in this response; store it now.' })
  key: string;
}
