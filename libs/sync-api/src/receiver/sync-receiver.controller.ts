import { applyDecorators, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { abandonUnreadBody, UseWireFamily } from '@app/core';
import { RequireSignature } from '@app/auth';
import { isSyncAssetType, SYNC_ASSET_TYPES, type SyncAssetType } from '../asset-types';
import { SYNC_MULTIPART_BODY, SyncCameraReplyDto, SyncErrorDto, SyncUploadReplyDto } from './sync-receiver.dto';
import { syncError } from './sync-errors';
import { SyncReceiverService } from './sync-receiver.service';

const DIFFERENCES =
  ' Times: createDate (POSIX seconds) is kept as the UTC instant, and the camera site\'s wall-clock (createDate + metadata.utc_offset, no zone) is what indi-allsky stores and what folder and file names use; indi-allsky computes it with the server\'s offset at request time, which can shift by an hour near the server\'s DST change; Skygate does not. Every upload updates the camera\'s utc_offset.' +
  ' Auth: Authorization: Bearer <username>:<hex HMAC-SHA3-512(api key, floor(t/300) + metadata bytes)>, windows t, t+1, t-1..t-4; failures answer 400 {"error":"authentication failed"} as indi-allsky. ' +
  'Skygate differences: a missing metadata key or invalid JSON answers 400 {"error":"missing metadata key: <key>"} / {"error":"metadata is not valid JSON: ..."} where indi-allsky answers 500 HTML; a media name with an extension the type does not take answers 400; a body over SYNC_MAX_BYTES answers 413 {"error"}.';

function assetType(value: string): SyncAssetType {
  if (!isSyncAssetType(value)) throw syncError(`unknown SyncAPI type "${value}"`, 404);
  return value;
}

const SYNC_BODY = applyDecorators(ApiConsumes('multipart/form-data'), ApiBody(SYNC_MULTIPART_BODY));
const TYPE_PARAM = ApiParam({ name: 'assetType', enum: SYNC_ASSET_TYPES, description: 'indi-allsky endpoint name' });

@ApiTags('indi-allsky SyncAPI')
@UseWireFamily('indi-allsky')
@RequireSignature('sync', 'update')
@ApiBadRequestResponse({ type: SyncErrorDto, description: 'indi-allsky error body' })
@Controller('indi-allsky/sync/v1/camera')
export class SyncCameraController {
  constructor(private readonly receiver: SyncReceiverService) {}

  @Post()
  @HttpCode(200)
  @SYNC_BODY
  @ApiOperation({ summary: 'Register or update a camera (indi-allsky SyncAPI)', description: `Upserts by metadata.uuid; the name becomes "<friendlyName or name> <id>".${DIFFERENCES}` })
  @ApiOkResponse({ type: SyncCameraReplyDto })
  createSyncCamera(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return abandonUnreadBody(req, res, () => this.receiver.registerCamera(req));
  }

  @Put()
  @SYNC_BODY
  @ApiOperation({ summary: 'Register or update a camera (same as POST)', description: `What indi-allsky clients send.${DIFFERENCES}` })
  @ApiOkResponse({ type: SyncCameraReplyDto })
  replaceSyncCamera(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return abandonUnreadBody(req, res, () => this.receiver.registerCamera(req));
  }

  @Get()
  @SYNC_BODY
  @ApiOperation({ summary: 'Look up a camera by metadata.id and metadata.camera_uuid', description: `400 {"error":"camera_missing"} when absent.${DIFFERENCES}` })
  @ApiOkResponse({ type: SyncCameraReplyDto })
  getSyncCamera(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return abandonUnreadBody(req, res, () => this.receiver.lookupCamera(req));
  }

  @Delete()
  @SYNC_BODY
  @ApiOperation({ summary: 'Not implemented, as in indi-allsky', description: `Always 400 {"error":"not_implemented"} after the signature check.${DIFFERENCES}` })
  deleteSyncCamera(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return abandonUnreadBody(req, res, () => this.receiver.deleteCamera(req));
  }
}

@ApiTags('indi-allsky SyncAPI')
@UseWireFamily('indi-allsky')
@RequireSignature('sync', 'update')
@ApiBadRequestResponse({ type: SyncErrorDto, description: 'indi-allsky error body' })
@ApiPayloadTooLargeResponse({ type: SyncErrorDto, description: 'Content-Length or the streamed media exceeds SYNC_MAX_BYTES' })
@Controller('indi-allsky/sync/v1')
export class SyncAssetController {
  constructor(private readonly receiver: SyncReceiverService) {}

  @Post(':assetType')
  @HttpCode(200)
  @TYPE_PARAM
  @SYNC_BODY
  @ApiOperation({
    summary: 'Upload a file without overwriting (indi-allsky SyncAPI POST)',
    description:
      'An existing entry answers 400 {"error":"file_exists"}: same camera+dayDate+night for video, minivideo, keogram, startrail, startrailvideo, panoramavideo; same camera+remapped createDate for image, rawimage, fitsimage, panoramaimage; same uuid for thumbnail ' +
      '(Skygate fix: indi-allsky crashes with 500 on a duplicate thumbnail POST). file_size must equal the bytes received, else 400 {"error":"authentication failed"} as indi-allsky. An empty media part (file_size 0) stores metadata only.' +
      DIFFERENCES,
  })
  @ApiOkResponse({ type: SyncUploadReplyDto })
  createSyncAsset(@Param('assetType') type: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return abandonUnreadBody(req, res, () => this.receiver.upload(assetType(type), req, false));
  }

  @Put(':assetType')
  @TYPE_PARAM
  @SYNC_BODY
  @ApiOperation({
    summary: 'Upload a file, replacing an existing entry (indi-allsky SyncAPI PUT, what its client sends)',
    description:
      'Same duplicate rules as POST, but the existing entry (row and file) is replaced. Skygate fix: indi-allsky answers file_exists to a PUT of an existing image (SyncApiImageView ignores overwrite) and adds duplicate keogram rows; Skygate replaces the image like every other type.' +
      DIFFERENCES,
  })
  @ApiOkResponse({ type: SyncUploadReplyDto })
  replaceSyncAsset(@Param('assetType') type: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return abandonUnreadBody(req, res, () => this.receiver.upload(assetType(type), req, true));
  }

  @Get(':assetType')
  @TYPE_PARAM
  @SYNC_BODY
  @ApiOperation({ summary: 'Look up an entry by metadata.id and metadata.camera_uuid', description: `400 {"error":"file_missing"} or {"error":"camera not found"}.${DIFFERENCES}` })
  @ApiOkResponse({ type: SyncUploadReplyDto })
  getSyncAsset(@Param('assetType') type: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return abandonUnreadBody(req, res, () => this.receiver.lookup(assetType(type), req));
  }

  @Delete(':assetType')
  @TYPE_PARAM
  @SYNC_BODY
  @ApiOperation({ summary: 'Delete an entry (row and file) by metadata.id', description: `Answers {}. Like indi-allsky, a parent's thumbnail is not deleted.${DIFFERENCES}` })
  @ApiOkResponse({ schema: { type: 'object', example: {} } })
  deleteSyncAsset(@Param('assetType') type: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return abandonUnreadBody(req, res, () => this.receiver.remove(assetType(type), req));
  }
}
