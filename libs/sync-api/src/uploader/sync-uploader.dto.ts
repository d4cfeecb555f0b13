import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SYNC_ASSET_TYPES, type SyncAssetType } from '../asset-types';
import type { UploadJobState } from '../entities/sync-upload-job.entity';

export class QueueSyncUploadsDto {
  @ApiProperty({ example: ['/var/lib/allsky/images/20261121/image-20261121231500.jpg'], description: 'Absolute paths of files on this server, inside SYNC_UPLOAD_ROOTS' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @IsString({ each: true })
  @Matches(/^\//, { each: true, message: 'each file must be an absolute path' })
  files: string[];

  @ApiProperty({ enum: SYNC_ASSET_TYPES, example: 'image' })
  @IsIn(SYNC_ASSET_TYPES)
  type: SyncAssetType;

  @ApiProperty({ example: '7c4e1f2a-5b6d-4e8f-9a0b-1c2d3e4f5a6b', description: 'The camera uuid the files belong to' })
  @IsUUID()
  cameraUuid: string;

  @ApiPropertyOptional({ example: 'Backyard ASI178', description: 'Camera name registered on the remote (default: "skygate <uuid prefix>")' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cameraName?: string;

  @ApiPropertyOptional({ example: true, default: true, description: 'Whether the files are night captures' })
  @IsOptional()
  @IsBoolean()
  night?: boolean;

  @ApiPropertyOptional({ example: 3600, description: 'Seconds east of UTC at the camera (default: this server\'s offset now)' })
  @IsOptional()
  @IsInt()
  utcOffset?: number;

  @ApiPropertyOptional({ example: { exposure: 15, gain: 200 }, description: 'Extra metadata keys sent with every file' })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;
}

export class QueuedSyncUploadsDto {
  @ApiProperty({ example: ['3f1c2d4e-1111-4222-8333-444455556666'] })
  ids: string[];
}

export class SyncUploadJobDto {
  @ApiProperty({ example: '3f1c2d4e-1111-4222-8333-444455556666' }) id: string;
  @ApiProperty({ example: 'image' }) type: string;
  @ApiProperty({ example: '/var/lib/allsky/images/x.jpg', nullable: true, type: String }) file: string | null;
  @ApiProperty({ enum: ['queued', 'running', 'failed', 'done'], example: 'running' }) state: UploadJobState;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ example: 1048576, description: 'Bytes sent in the current attempt (running), or how far the last attempt got (queued for a retry, interrupted by a restart, failed); the file size when done. Kept on the job row at most a second old, so it holds after a restart and from any process; a new attempt starts from byte 0' }) bytesSent: number;
  @ApiProperty({ example: 4194304 }) bytesTotal: number;
  @ApiProperty({ example: null, nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ example: '2026-11-22T05:40:00.000Z' }) nextAttemptAt: string;
  @ApiProperty({ example: 42, nullable: true, type: Number, description: 'The entry id on the remote' }) remoteId: number | null;
}

export class SyncUploaderCountsDto {
  @ApiProperty({ example: 3 }) queued: number;
  @ApiProperty({ example: 1 }) running: number;
  @ApiProperty({ example: 0 }) failed: number;
  @ApiProperty({ example: 120 }) done: number;
}

export class SyncUploaderStatusDto {
  @ApiProperty({ example: 'http://observatory.example:8090/indi-allsky', nullable: true, type: String, description: 'Target, or null when the uploader is not configured' })
  remote: string | null;
  @ApiProperty({ example: 2 }) workers: number;
  @ApiProperty({ type: SyncUploaderCountsDto }) counts: SyncUploaderCountsDto;
  @ApiProperty({ type: [SyncUploadJobDto], description: 'The requested jobs, or the 100 most recent' }) jobs: SyncUploadJobDto[];
}

export class SyncUploaderStatusQueryDto {
  @ApiPropertyOptional({ example: '3f1c2d4e-1111-4222-8333-444455556666,...', description: 'Comma-separated job ids to report on' })
  @IsOptional()
  @IsString()
  ids?: string;
}
