import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorDto } from '@app/core';
import { RequirePermission } from '@app/auth';
import { QueuedSyncUploadsDto, QueueSyncUploadsDto, SyncUploaderStatusDto, SyncUploaderStatusQueryDto } from './sync-uploader.dto';
import { SyncUploadQueueService } from './sync-upload-queue.service';

@ApiTags('Sync uploader')
@Controller('sync/uploader')
export class SyncUploaderController {
  constructor(private readonly queue: SyncUploadQueueService) {}

  @Post('jobs')
  @RequirePermission('sync', 'update')
  @ApiOperation({
    summary: 'Queue files of this server for upload to the SyncAPI remote (SYNC_REMOTE_URL)',
    description:
      'Files are read from this server\'s disk by absolute path (what `skygate-cli sync push` sends), only inside the folders of SYNC_UPLOAD_ROOTS (default DATA_DIR/files; symlinks are resolved first): any other path answers 400 naming it. The camera is registered on the remote before its first file.',
  })
  @ApiCreatedResponse({ type: QueuedSyncUploadsDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  async queueSyncUploads(@Body() dto: QueueSyncUploadsDto): Promise<QueuedSyncUploadsDto> {
    return { ids: await this.queue.queue(dto) };
  }

  @Get('status')
  @RequirePermission('sync', 'read')
  @ApiOperation({ summary: 'Upload queue: counts per state and per-file progress' })
  @ApiOkResponse({ type: SyncUploaderStatusDto })
  getSyncUploaderStatus(@Query() query: SyncUploaderStatusQueryDto): Promise<SyncUploaderStatusDto> {
    return this.queue.status(query.ids);
  }
}
