import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { IMAGE_TYPES } from '../drivers/contract/device-interfaces';
import type { EquipmentImageEntity } from '../entities/equipment-image.entity';
import { EventHistoryService } from '../history/event-history.service';
import { CaptureService } from '../image/capture.service';
import { ninaImageResponse } from '../image/image-response';
import { ImageViewService } from '../image/image-view.service';
import { NinaError, ninaOk } from '../nina/envelope';
import { RawImage, imageReply, previewOptions, sendNina, type QueryBag } from './image-reply';
import { NinaController, NinaRead, NinaQuery, PREVIEW_QUERY } from '../nina/nina-api.decorators';
import { bool, optionalEnum, optionalNumber } from '../nina/query';

export function parseIndex(raw: string): number {
  const index = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(index)) throw new NinaError('Index out of range', 400);
  return index;
}

/** ninaAPI's ImageResponse of each record (no index: a position in the list is the index). */
const responses = (records: EquipmentImageEntity[]) => records.map((r) => ninaImageResponse(r.statistics));

/** image-history, image/{index}, thumbnails, prepared-image and event-history (ninaAPI Application/Image.cs). */
@NinaController('', 'N.I.N.A. images and events')
export class ImageController {
  constructor(
    private readonly images: ImageViewService,
    private readonly capture: CaptureService,
    private readonly events: EventHistoryService,
  ) {}

  @Get('image-history')
  @NinaRead()
  @ApiOperation({ summary: 'Saved images (persisted, unlike ninaAPI): count=true, all=true, index=N, or the last one' })
  @NinaQuery(
    { name: 'count', type: 'boolean', description: 'true: only the number of images' },
    { name: 'all', type: 'boolean', description: 'true: every image' },
    { name: 'index', type: 'number', description: 'One image by its index (default the last)' },
    { name: 'imageType', type: 'string', description: 'Only images of this type', enum: IMAGE_TYPES },
  )
  async getImageHistory(@Query() q: QueryBag) {
    const records = await this.images.records(optionalEnum('imageType', q.imageType, IMAGE_TYPES));
    if (bool('count', q.count)) return ninaOk(records.length);
    if (bool('all', q.all)) return ninaOk(responses(records));
    const index = optionalNumber('index', q.index, { integer: true }) ?? records.length - 1;
    if (index < 0 || index >= records.length) throw new NinaError('Index out of range', 400);
    return ninaOk(responses([records[index]]));
  }

  @Get('image/thumbnail/:index')
  @NinaRead()
  @ApiParam({ name: 'index', type: Number })
  @ApiOperation({ summary: 'A 256 px wide JPEG of a saved image (stream)' })
  @NinaQuery({ name: 'imageType', type: 'string', description: 'Only images of this type', enum: IMAGE_TYPES })
  async getImageThumbnail(@Param('index') index: string, @Query() q: QueryBag, @Res() res: Response): Promise<void> {
    const record = await this.images.record(parseIndex(index), optionalEnum('imageType', q.imageType, IMAGE_TYPES));
    sendNina(res, imageReply(await this.images.thumbnail(record), true));
  }

  @Get('image/:index')
  @NinaRead()
  @ApiParam({ name: 'index', type: Number })
  @ApiOperation({ summary: 'A saved image as stretched PNG/JPEG (base64, or bytes with stream=true), or raw_fits for the FITS file in base64' })
  @NinaQuery(...PREVIEW_QUERY, { name: 'imageType', type: 'string', description: 'Only images of this type', enum: IMAGE_TYPES }, { name: 'raw_fits', type: 'boolean', description: 'present: the FITS file in base64 instead of a preview' })
  async getImage(@Param('index') index: string, @Query() q: QueryBag, @Res() res: Response): Promise<void> {
    const options = previewOptions(q);
    const record = await this.images.record(parseIndex(index), optionalEnum('imageType', q.imageType, IMAGE_TYPES), new NinaError('No images available', 500));
    if (q.raw_fits !== undefined) return sendNina(res, ninaOk((await this.images.rawFits(record)).toString('base64')));
    sendNina(res, imageReply(await this.images.image(record, options), bool('stream', q.stream)));
  }

  @Get('prepared-image')
  @NinaRead()
  @ApiOperation({
    summary: 'The image of the last IMAGE-PREPARED event as PNG/JPEG bytes (404 "No image" before the first capture)',
    description: 'Always streamed, as ninaAPI does (its stream parameter is ignored): image/png, or image/jpeg for quality 1..100.',
  })
  async getPreparedImage(@Query() q: QueryBag, @Res() res: Response): Promise<void> {
    const frame = this.capture.preparedFrame;
    if (!frame) throw new NinaError('No image', 404);
    sendNina(res, new RawImage(await this.images.render(frame.pixels, frame.width, frame.height, previewOptions(q))));
  }

  @Get('event-history')
  @NinaRead()
  @ApiOperation({ summary: 'Every websocket event so far with its Time (since this start)' })
  getEventHistory() {
    return ninaOk(this.events.list());
  }
}
