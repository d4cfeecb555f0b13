import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IgnoreUnknownProperties, INT4_MAX } from '@app/core';
import { TARGET_CLASSES, type TargetClass } from '../entities/target.entities';
import { NamedQueryDto, splitTags } from './data.dto';

/** ICRS degrees, as the client's target planner sends them. */
@IgnoreUnknownProperties()
export class EquatorialCoordinatesDto {
  @ApiProperty({ example: 83.822, minimum: 0, maximum: 360 }) @Type(() => Number) @IsNumber() @Min(0) @Max(360) right_ascension: number;
  @ApiProperty({ example: -5.391, minimum: -90, maximum: 90 }) @Type(() => Number) @IsNumber() @Min(-90) @Max(90) declination: number;
}

/** The manual object of `plan_target_payload(coordinates=…)`: `{name, equatorial_coordinates}`. */
@IgnoreUnknownProperties()
export class TargetObjectDto {
  @ApiPropertyOptional({ example: 'Custom field star' }) @IsOptional() @IsString() @MaxLength(300) name?: string;
  @ApiPropertyOptional({ type: EquatorialCoordinatesDto }) @IsOptional() @ValidateNested() @Type(() => EquatorialCoordinatesDto) equatorial_coordinates?: EquatorialCoordinatesDto;
}

export class TargetDto {
  @ApiProperty({ example: 42 }) id: number;
  @ApiProperty({ example: 42, description: 'Same as id (clients read either)' }) pk: number;
  @ApiProperty({ example: 'M 42' }) name: string;
  @ApiProperty({ example: '', description: 'Designation for classes named by one (small bodies, microlensing events, transients)' }) identifier: string;
  @ApiProperty({ enum: TARGET_CLASSES, nullable: true, type: String }) target_class: TargetClass | null;
  @ApiProperty({ example: 'manual', description: '"manual" when the coordinates were given by hand' }) mode: string;
  @ApiProperty({ example: '#ff8800' }) color: string;
  @ApiProperty({ example: '' }) notes: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: EquatorialCoordinatesDto, nullable: true }) coordinates: EquatorialCoordinatesDto | null;
  @ApiProperty({ example: 'observer', nullable: true, type: String, description: 'Username of the owner' }) profile: string | null;
  @ApiProperty({ example: 'saao', nullable: true, type: String, description: 'Subdomain of the organisation it belongs to' }) organisation: string | null;
}

/**
 * What the client library sends for a target (`target_writable_fields`, `plan_target_payload`).
 * `profile` and `organisation` are read-only here: a target belongs to its creator, inside the
 * portal it was made in. A name or an identifier is required on create (the service checks).
 */
@IgnoreUnknownProperties()
export class UpdateTargetDto {
  @ApiPropertyOptional({ example: 'M 42' }) @IsOptional() @IsString() @MaxLength(300) name?: string;
  @ApiPropertyOptional({ example: 'C/2023 A3' }) @IsOptional() @IsString() @MaxLength(300) identifier?: string;
  @ApiPropertyOptional({ enum: TARGET_CLASSES }) @IsOptional() @IsIn(TARGET_CLASSES) target_class?: TargetClass;
  @ApiPropertyOptional({ example: 'manual' }) @IsOptional() @IsString() @MaxLength(50) mode?: string;
  @ApiPropertyOptional({ example: '#ff8800' }) @IsOptional() @IsString() @MaxLength(50) color?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) notes?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @Transform(splitTags) @IsArray() @IsString({ each: true }) tags?: string[];
  @ApiPropertyOptional({ type: EquatorialCoordinatesDto }) @IsOptional() @ValidateNested() @Type(() => EquatorialCoordinatesDto) coordinates?: EquatorialCoordinatesDto;
  @ApiPropertyOptional({ type: TargetObjectDto, description: 'Manual target: its coordinates count as `coordinates`' }) @IsOptional() @ValidateNested() @Type(() => TargetObjectDto) object?: TargetObjectDto;
}

@IgnoreUnknownProperties()
export class CreateTargetDto extends PartialType(UpdateTargetDto) {}

/**
 * A target inside a target list's `targets`: an existing target by `id` (or `pk`), or a new one
 * described by the target fields (created in the list's space).
 */
@IgnoreUnknownProperties()
export class TargetRefDto extends UpdateTargetDto {
  @ApiPropertyOptional({ example: 42 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(INT4_MAX) id?: number;
  @ApiPropertyOptional({ example: 42 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(INT4_MAX) pk?: number;
}

export class TargetQueryDto extends NamedQueryDto {
  @ApiPropertyOptional({ enum: TARGET_CLASSES }) @IsOptional() @IsIn(TARGET_CLASSES) target_class?: TargetClass;
  @ApiPropertyOptional({ example: 'C/2023 A3' }) @IsOptional() @IsString() identifier?: string;
}

export class TargetListDto {
  @ApiProperty({ format: 'uuid' }) uuid: string;
  @ApiProperty({ example: 'Tonight candidates' }) name: string;
  @ApiProperty({ example: '' }) description: string;
  @ApiProperty({ type: [TargetDto], description: 'The targets in order, as whole target objects (the client library sends them back as they are)' }) targets: TargetDto[];
  @ApiProperty({ example: 'observer', nullable: true, type: String }) profile: string | null;
  @ApiProperty({ example: 'saao', nullable: true, type: String }) organisation: string | null;
}

@IgnoreUnknownProperties()
export class CreateTargetListDto {
  @ApiProperty({ example: 'Tonight candidates' }) @IsString() @MinLength(1) @MaxLength(300) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) description?: string;
  @ApiPropertyOptional({ type: [TargetRefDto], description: 'Replaces the whole list on PATCH; target payload objects, not bare ids (as the client library requires)' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TargetRefDto)
  targets?: TargetRefDto[];
}

@IgnoreUnknownProperties()
export class UpdateTargetListDto extends PartialType(CreateTargetListDto) {}
