import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ErrorDto, ParseInt4Pipe, sendStoredFile } from '@app/core';
import { RequirePermission } from '@app/auth';
import { ListSyncAssetsQueryDto, SyncAssetDto, SyncAssetPageDto, SyncCameraDto } from './sync-browse.dto';
import { SyncBrowseService } from './sync-browse.service';

@ApiTags('Sync assets')
@RequirePermission('sync', 'read')
@Controller('sync')
export class SyncBrowseController {
  constructor(private readonly browse: SyncBrowseService) {}

  @Get('cameras')
  @ApiOperation({ summary: 'Cameras that sync to this server' })
  @ApiOkResponse({ type: [SyncCameraDto] })
  listSyncCameras(): Promise<SyncCameraDto[]> {
    return this.browse.listCameras();
  }

  @Get('cameras/:cameraId/latest-image')
  @ApiOperation({ summary: 'The most recent image of a camera (by capture time)' })
  @ApiOkResponse({ type: SyncAssetDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  getLatestSyncImage(@Param('cameraId', new ParseInt4Pipe()) cameraId: number): Promise<SyncAssetDto> {
    return this.browse.latestImage(cameraId);
  }

  @Get('assets')
  @ApiOperation({ summary: 'Received assets by camera, type, night and capture-time range, newest first, paginated' })
  @ApiOkResponse({ type: SyncAssetPageDto })
  listSyncAssets(@Query() query: ListSyncAssetsQueryDto): Promise<SyncAssetPageDto> {
    return this.browse.listAssets(query);
  }

  @Get('assets/:assetId')
  @ApiOperation({ summary: 'One received asset and its metadata' })
  @ApiOkResponse({ type: SyncAssetDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  getSyncAssetInfo(@Param('assetId', new ParseInt4Pipe()) assetId: number): Promise<SyncAssetDto> {
    return this.browse.getAsset(assetId);
  }

  @Get('assets/:assetId/file')
  @ApiOperation({ summary: 'The stored file, with its Content-Type and HTTP Range support' })
  @ApiProduces('image/jpeg', 'image/png', 'video/mp4', 'application/fits', 'application/octet-stream')
  @ApiOkResponse({ description: 'The file (206 for a Range request)', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorDto })
  async downloadSyncAsset(@Param('assetId', new ParseInt4Pipe()) assetId: number, @Res() res: Response): Promise<void> {
    const file = await this.browse.fileOf(assetId);
    await sendStoredFile(res, file.path, { contentType: file.contentType, fileName: file.fileName });
  }
}
