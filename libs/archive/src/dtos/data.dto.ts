import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDateString, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IgnoreUnknownProperties, INT4_MAX } from '@app/core';
import { MAX_PAGE_SIZE } from '../http/list-shape';

/** `tags` arrive as a list (PATCH) or a comma-joined string (multipart create, filters). */
export const splitTags = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((t) => t.trim()).filter(Boolean) : value;

/** `true`/`false` (and Python's `True`/`False`, `1`/`0`) in a query string; anything else stays a string and fails @IsBoolean. */
export const queryBoolean = ({ value }: { value: unknown }): unknown => {
  const text = typeof value === 'string' ? value.toLowerCase() : value;
  return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : value;
};

/**
 * Query parameters of every archive list. Like Django REST framework, parameters a list does not
 * know are ignored (clients send their own, e.g. the CLI's filters), never refused.
 */
@IgnoreUnknownProperties()
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: INT4_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, description: `Items per page (at most ${MAX_PAGE_SIZE}; larger asks get ${MAX_PAGE_SIZE}); switches the answer to the paginated shape` })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  page_size?: number;
}

/** A list of named things, filtered by exact `name` (what the client library's `find_one`/`upsert` send). */
export class NamedQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Exact name' }) @IsOptional() @IsString() name?: string;
}

export class TelescopeQueryDto extends NamedQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') observing_site?: string;
}

export class DatasetQueryDto extends NamedQueryDto {
  @ApiPropertyOptional({ description: 'Comma-joined tags; a dataset must carry all of them', example: 'raw,m31' })
  @IsOptional()
  @IsString()
  tags?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') telescope?: string;
  @ApiPropertyOptional({ description: 'Only public (true) or only private (false) datasets', type: Boolean })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  is_public?: boolean;
}

export class NightLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-11-21' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' }) date?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') telescope?: string;
}

export class FrameQueryDto extends NamedQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') night_log?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') dataset?: string;
  @ApiPropertyOptional({ example: 'M 31' }) @IsOptional() @IsString() target_name?: string;
}

export class DataFileQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') dataset?: string;
}

export class NightLogDto {
  @ApiProperty({ format: 'uuid' }) uuid: string;
  @ApiProperty({ example: '2026-11-21', description: 'Local date of the evening; the night runs from local noon to the next local noon' }) date: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) telescope: string | null;
}

@IgnoreUnknownProperties()
export class CreateNightLogDto {
  @ApiProperty({ example: '2026-11-21' }) @IsDateString({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' }) date: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @IsUUID('4') telescope?: string | null;
}

@IgnoreUnknownProperties()
export class UpdateNightLogDto extends PartialType(CreateNightLogDto) {}

export class DatasetDto {
  @ApiProperty({ format: 'uuid' }) uuid: string;
  @ApiProperty({ example: 'M31 2026-11-21' }) name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) telescope: string | null;
  @ApiProperty({ type: [String], example: ['raw'] }) tags: string[];
  @ApiProperty({ example: 12 }) data_files_count: number;
  @ApiProperty({ description: 'Public datasets (with their data files, observations and calibrations) are seen by every caller holding archive:read; only the owner, its organisation and administrators change them' }) is_public: boolean;
}

@IgnoreUnknownProperties()
export class CreateDatasetDto {
  @ApiProperty({ example: 'M31 2026-11-21' }) @IsString() @MinLength(1) @MaxLength(300) name: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @IsUUID('4') telescope?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @Transform(splitTags) @IsArray() @IsString({ each: true }) tags?: string[];
  @ApiPropertyOptional({ default: false, description: 'Seen by every archive reader when true' }) @IsOptional() @IsBoolean() is_public?: boolean;
}

@IgnoreUnknownProperties()
export class UpdateDatasetDto extends PartialType(CreateDatasetDto) {}

export class DataPackageDto {
  @ApiProperty({ format: 'uuid' }) uuid: string;
  @ApiProperty({ example: 'Release 1' }) name: string;
  @ApiProperty({ example: '' }) description: string;
  @ApiProperty({ type: [String], format: 'uuid' }) datasets: string[];
}

@IgnoreUnknownProperties()
export class CreateDataPackageDto {
  @ApiProperty({ example: 'Release 1' }) @IsString() @MinLength(1) @MaxLength(300) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) description?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @IsOptional() @IsArray() @IsUUID('4', { each: true }) datasets?: string[];
}

@IgnoreUnknownProperties()
export class UpdateDataPackageDto extends PartialType(CreateDataPackageDto) {}

export class FrameDto {
  @ApiProperty({ format: 'uuid' }) uuid: string;
  @ApiProperty({ example: 'M31_0001.fits' }) name: string;
  @ApiProperty({ example: 'M 31' }) target_name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) night_log: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) dataset: string | null;
  @ApiProperty({ nullable: true, type: Number }) data_file: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'Light Frame' }) frame_type: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['bias', 'dark', 'flat'] }) calibration_type: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 120 }) exposure_time: number | null;
  @ApiProperty({ nullable: true, type: String }) filter: string | null;
  @ApiProperty({ nullable: true, type: String }) instrument: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'TELESCOP keyword' }) telescope_name: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-21T23:10:00.000Z' }) date: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'DATE-OBS',
    description: 'Keyword the date came from; "DATE" (file creation time) is a fallback flagged here because it is not the observation time',
  })
  date_source: string | null;
}

@IgnoreUnknownProperties()
export class CreateFrameDto {
  @ApiProperty({ example: 'M31_0001' }) @IsString() @MinLength(1) @MaxLength(300) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) target_name?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @IsUUID('4') night_log?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @IsUUID('4') dataset?: string | null;
}

@IgnoreUnknownProperties()
export class UpdateFrameDto extends PartialType(CreateFrameDto) {}

export class DataFileDto {
  @ApiProperty({ example: 42 }) id: number;
  @ApiProperty({ example: 42, description: 'Same as id (clients read either)' }) pk: number;
  @ApiProperty({ example: '/datafiles/42/download/', description: 'Where the stored bytes can be downloaded' }) file: string;
  @ApiProperty({ example: 'M31_0001.fits.gz' }) file_name: string;
  @ApiProperty({ format: 'uuid' }) dataset: string;
  @ApiProperty() is_raw: boolean;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ example: 16_777_216 }) size: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ enum: ['fits', 'xisf', 'other'], description: 'Found by content, not by name' }) format: string;
  @ApiProperty({ enum: ['none', 'gzip', 'bzip2', 'zip'] }) compression: string;
  @ApiProperty({ enum: ['parsed', 'partial', 'failed', 'not-applicable'], description: 'A file whose header cannot be read is still stored' }) header_status: string;
  @ApiProperty({ nullable: true, type: String, example: 'missing-end at byte 2880: the header has no END record' }) header_error: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Header keywords and values' }) header: Record<string, unknown>;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) observation: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) calibration: string | null;
}

@IgnoreUnknownProperties()
export class UpdateDataFileDto {
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @Transform(splitTags) @IsArray() @IsString({ each: true }) tags?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() is_raw?: boolean;
}

/** The multipart form of `POST datafiles/` (documented; read by busboy, not by the validation pipe). */
export class UploadDataFileDto {
  @ApiProperty({ type: 'string', format: 'binary' }) file: unknown;
  @ApiProperty({ format: 'uuid' }) dataset: string;
  @ApiPropertyOptional({ example: 'True', description: 'Python clients send "True"/"False"' }) is_raw?: string;
  @ApiPropertyOptional({ example: 'raw,m31', description: 'Comma-joined' }) tags?: string;
}

export class UploadAllskyImageDto {
  @ApiProperty({ type: 'string', format: 'binary' }) file: unknown;
  @ApiPropertyOptional({ format: 'uuid', description: 'Must match the camera in the path when given' }) camera?: string;
  @ApiProperty({ example: '1764450000.5', description: 'POSIX seconds (integer or float, as the Arcsecond uploader sends it) or ISO 8601 (e.g. 2026-11-22T02:00:00Z)' }) utc_timestamp: string;
}
