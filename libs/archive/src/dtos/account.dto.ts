import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IgnoreUnknownProperties } from '@app/core';

@IgnoreUnknownProperties()
export class VerifyKeyDto {
  @ApiProperty({ example: 'observer' }) @IsString() @MinLength(1) @MaxLength(150) username: string;
  @ApiProperty({ example: 'sg_...' }) @IsString() @MinLength(1) @MaxLength(500) key: string;
}

export class MembershipDto {
  @ApiProperty({ example: 'member' }) role: string;
  @ApiProperty({ example: '2026-11-21' }) date_joined: string;
  @ApiProperty({ example: { subdomain: 'local', name: 'Skygate' } }) organisation: { subdomain: string; name: string };
}

export class ProfileDto {
  @ApiProperty({ example: 'observer' }) username: string;
  @ApiProperty({ example: 'observer@example.org', nullable: true, type: String }) email: string | null;
  @ApiProperty({ example: 'Ada' }) first_name: string;
  @ApiProperty({ example: 'Lovelace' }) last_name: string;
  @ApiProperty({ example: '2026-11-21T22:00:00.000Z', description: 'When the account was made' }) membership_date: string;
  @ApiProperty({ type: [MembershipDto], description: 'Every user is a member of the server\'s own organisation "local" (as on Arcsecond.local), then of each organisation it joined' }) memberships: MembershipDto[];
}
