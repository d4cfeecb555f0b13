import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, Validate, ValidateNested, type ValidatorConstraintInterface, ValidatorConstraint } from 'class-validator';
import { IgnoreUnknownProperties } from '@app/core';
import { isTimeZone } from '../ingest/night';

@ValidatorConstraint({ name: 'ianaTimeZone' })
class IanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return value === null || (typeof value === 'string' && isTimeZone(value));
  }
  defaultMessage(): string {
    return 'time_zone must be an IANA time zone name such as "Europe/Paris"';
  }
}

@IgnoreUnknownProperties()
export class CoordinatesDto {
  @ApiProperty({ example: -70.7375, description: 'Degrees east (negative west)' })
  @IsNumber()
  @Min(-180)
  @Max(180)
  longitude: number;

  @ApiProperty({ example: -30.1697 })
  @IsNumber()
  @Min(-90)
  @Max(90)
  latitude: number;

  @ApiPropertyOptional({ example: 2207, description: 'Metres above sea level' })
  @IsOptional()
  @IsNumber()
  height?: number;
}

export class ObservingSiteDto {
  @ApiProperty({ format: 'uuid' }) uuid: string;
  @ApiProperty({ example: 'Cerro Tololo' }) name: string;
  @ApiProperty({ example: 'CTIO' }) short_name: string;
  @ApiProperty({ type: CoordinatesDto, nullable: true }) coordinates: CoordinatesDto | null;
  @ApiProperty({ nullable: true, type: String, example: 'America/Santiago', description: 'IANA zone; when null, nights use mean solar time from the longitude' })
  time_zone: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'UUIDs of the telescopes at this site' }) telescopes: string[];
}

@IgnoreUnknownProperties()
export class CreateObservingSiteDto {
  @ApiProperty({ example: 'Cerro Tololo' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'CTIO' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  short_name?: string;

  @ApiPropertyOptional({ type: CoordinatesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CoordinatesDto)
  coordinates?: CoordinatesDto;

  @ApiPropertyOptional({ example: 'America/Santiago', nullable: true, type: String })
  @IsOptional()
  @Validate(IanaTimeZone)
  time_zone?: string | null;
}

@IgnoreUnknownProperties()
export class UpdateObservingSiteDto extends PartialType(CreateObservingSiteDto) {}

export class TelescopeDto {
  @ApiProperty({ format: 'uuid' }) uuid: string;
  @ApiProperty({ example: 'RedCat 51' }) name: string;
  @ApiProperty({ example: 'RC51' }) acronym: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) observing_site: string | null;
  @ApiProperty({ type: CoordinatesDto, nullable: true, description: "The site's coordinates" }) coordinates: CoordinatesDto | null;
}

@IgnoreUnknownProperties()
export class CreateTelescopeDto {
  @ApiProperty({ example: 'RedCat 51' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'RC51' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  acronym?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('4')
  observing_site?: string | null;
}

@IgnoreUnknownProperties()
export class UpdateTelescopeDto extends PartialType(CreateTelescopeDto) {}

export class AllskyCameraDto {
  @ApiProperty({ format: 'uuid' }) uuid: string;
  @ApiProperty({ example: 'Roof allsky' }) name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) observing_site: string | null;
}

@IgnoreUnknownProperties()
export class CreateAllskyCameraDto {
  @ApiProperty({ example: 'Roof allsky' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('4')
  observing_site?: string | null;
}

@IgnoreUnknownProperties()
export class UpdateAllskyCameraDto extends PartialType(CreateAllskyCameraDto) {}

export class AllskyImageDto {
  @ApiProperty({ format: 'uuid', description: "Same as uuid: Arcsecond's uploader reads the uploaded file's `id`" }) id: string;
  @ApiProperty({ format: 'uuid' }) uuid: string;
  @ApiProperty({ format: 'uuid' }) camera: string;
  @ApiProperty({ example: '2026-11-22T02:00:00.000Z' }) utc_timestamp: string;
  @ApiProperty({ example: 'allsky-20261122-020000.jpg' }) file_name: string;
  @ApiProperty({ example: 123456 }) size: number;
}
