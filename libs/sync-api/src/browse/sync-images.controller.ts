import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ErrorDto, sendStoredFile } from '@app/core';
import { RequirePermission } from '@app/auth';
import { SyncBrowseService } from './sync-browse.service';

/**
 * Where the receiver's reply `url` points: indi-allsky answers `images/<path under IMAGE_FOLDER>`,
 * relative to its `/indi-allsky/` prefix, and serves that folder there.
 */
@ApiTags('Sync assets')
@RequirePermission('sync', 'read')
@Controller('indi-allsky/images')
export class SyncImagesController {
  constructor(private readonly browse: SyncBrowseService) {}

  @Get('*path')
  @ApiOperation({
    summary: 'A received file by the url the SyncAPI reply gave (images/...), with Content-Type and HTTP Range',
    description: 'Only files of received SyncAPI entries are served here; 404 for any other path.',
  })
  @ApiParam({ name: 'path', example: 'ccd_7c4e1f2a-5b6d-4e8f-9a0b-1c2d3e4f5a6b/exposures/20261121/night/22_00/image_ccd1_20261122_003500.jpg' })
  @ApiProduces('image/jpeg', 'image/png', 'video/mp4', 'application/fits', 'application/octet-stream')
  @ApiOkResponse({ description: 'The file (206 for a Range request)', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorDto })
  async downloadSyncImageByPath(@Param('path') path: string | string[], @Res() res: Response): Promise<void> {
    const file = await this.browse.fileAt(Array.isArray(path) ? path.join('/') : path);
    await sendStoredFile(res, file.path, { contentType: file.contentType, fileName: file.fileName });
  }
}
