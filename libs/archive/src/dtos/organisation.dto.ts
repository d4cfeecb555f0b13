import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IgnoreUnknownProperties } from '@app/core';
import { ORGANISATION_ROLES, type OrganisationRole } from '../entities/organisation.entities';
import { VerifyKeyDto } from './account.dto';

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) uuid: string;
  @ApiProperty({ example: 'saao', description: 'The portal name clients put in front of every path (`/<subdomain>/datasets/`)' }) subdomain: string;
  @ApiProperty({ example: 'South African Astronomical Observatory' }) name: string;
}

@IgnoreUnknownProperties()
export class CreateOrganisationDto {
  @ApiProperty({ example: 'saao', pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$' })
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, { message: 'subdomain must be lower-case letters, digits and inner hyphens (at most 63)' })
  subdomain: string;

  @ApiProperty({ example: 'South African Astronomical Observatory' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
}

export class MemberDto {
  @ApiProperty({ example: 'observer' }) username: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role: OrganisationRole;
}

@IgnoreUnknownProperties()
export class AddMemberDto {
  @ApiProperty({ example: 'observer' }) @IsString() @MinLength(1) @MaxLength(150) username: string;
  @ApiProperty({ enum: ORGANISATION_ROLES, example: 'member' }) @IsIn(ORGANISATION_ROLES) role: OrganisationRole;
}

export class OrganisationRefDto {
  @ApiProperty({ example: 'saao' }) subdomain: string;
  @ApiProperty({ example: 'South African Astronomical Observatory' }) name: string;
}

/** A membership as `members/` answers it: who, which role, since when, in which organisation. */
export class PortalMemberDto {
  @ApiProperty({ example: 'observer' }) username: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role: OrganisationRole;
  @ApiProperty({ example: '2026-11-21', description: 'Date the user joined the organisation' }) date_joined: string;
  @ApiProperty({ type: OrganisationRefDto }) organisation: OrganisationRefDto;
}

@IgnoreUnknownProperties()
export class UpdateMemberDto {
  @ApiProperty({ enum: ORGANISATION_ROLES, example: 'admin' }) @IsIn(ORGANISATION_ROLES) role: OrganisationRole;
}

@IgnoreUnknownProperties()
export class VerifyOrganisationDto extends VerifyKeyDto {
  @ApiProperty({ example: 'saao', description: 'The subdomain of the organisation' }) @IsString() @MinLength(1) @MaxLength(63) organisation: string;
}
