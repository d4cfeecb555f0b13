import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { SYNC_ASSET_TYPES, type SyncAssetType } from '../asset-types';
import { INT4_MAX } from '@app/core';
import type { SyncAssetEntity } from '../entities/sync-asset.entity';
import type { SyncCameraEntity } from '../entities/sync-camera.entity';

export class ListSyncAssetsQueryDto {
  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: INT4_MAX, description: 'Camera id on this server' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  cameraId?: number;

  @ApiPropertyOptional({ enum: SYNC_ASSET_TYPES, example: 'image' })
  @IsOptional()
  @IsIn(SYNC_ASSET_TYPES)
  type?: SyncAssetType;

  @ApiPropertyOptional({ example: '20261121', description: 'The night (or day) by its dayDate, YYYYMMDD' })
  @IsOptional()
  @Matches(/^\d{8}$/, { message: 'dayDate must be YYYYMMDD' })
  dayDate?: string;

  @ApiPropertyOptional({ example: true, description: 'Only night (true) or day (false) entries' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  night?: boolean;

  @ApiPropertyOptional({ example: '2026-11-21T18:00:00Z', description: 'Captured at or after (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ example: '2026-11-22T06:00:00Z', description: 'Captured before (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ example: 1, default: 1, minimum: 1, maximum: INT4_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  page: number = 1;

  @ApiPropertyOptional({ example: 50, default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize: number = 50;
}

export class SyncAssetDto {
  @ApiProperty({ example: 42 }) id: number;
  @ApiProperty({ example: 1 }) cameraId: number;
  @ApiProperty({ enum: SYNC_ASSET_TYPES, example: 'image' }) type: SyncAssetType;
  @ApiProperty({ example: '2026-11-21T22:35:00.000Z', description: 'Instant of capture (UTC)' }) createDate: string;
  @ApiProperty({ example: '2026-11-22T00:35:00', description: "Camera site's wall-clock time of capture (createDate + utc_offset), no zone" }) localDate: string;
  @ApiProperty({ example: '20261121' }) dayDate: string;
  @ApiProperty({ example: true }) night: boolean;
  @ApiProperty({ example: 123456 }) fileSize: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }) sha256: string;
  @ApiProperty({ example: 'image/jpeg' }) contentType: string;
  @ApiProperty({ example: true, description: 'false when only metadata was sent (empty-file / S3 mode)' }) stored: boolean;
  @ApiProperty({ example: '/sync/assets/42/file', nullable: true, type: String }) fileUrl: string | null;
  @ApiProperty({ example: { exposure: 5, gain: 100 }, description: 'The metadata the client sent' }) metadata: Record<string, unknown>;
}

export class SyncAssetPageDto {
  @ApiProperty({ type: [SyncAssetDto] }) items: SyncAssetDto[];
  @ApiProperty({ example: 120 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 50 }) pageSize: number;
}

export class SyncCameraDto {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ example: '7c4e1f2a-5b6d-4e8f-9a0b-1c2d3e4f5a6b' }) uuid: string;
  @ApiProperty({ example: 'ZWO ASI178MC 1' }) name: string;
  @ApiProperty({ example: -28800, description: 'Seconds east of UTC, from the latest upload' }) utcOffset: number;
  @ApiProperty({ example: '2026-11-21T18:00:00.000Z' }) connectDate: string;
  @ApiProperty({ example: { latitude: 33.1, tz: 'America/Los_Angeles' } }) attributes: Record<string, unknown>;
}

export function toSyncAssetDto(a: SyncAssetEntity): SyncAssetDto {
  return {
    id: a.id,
    cameraId: a.cameraId,
    type: a.type,
    createDate: a.createDate.toISOString(),
    localDate: a.localDate,
    dayDate: a.dayDate,
    night: a.night,
    fileSize: a.fileSize,
    sha256: a.sha256,
    contentType: a.contentType,
    stored: a.stored,
    fileUrl: a.stored ? `/sync/assets/${a.id}/file` : null,
    metadata: a.metadata,
  };
}

export function toSyncCameraDto(c: SyncCameraEntity): SyncCameraDto {
  return { id: c.id, uuid: c.uuid, name: c.name, utcOffset: c.utcOffset, connectDate: c.connectDate.toISOString(), attributes: c.attributes };
}
