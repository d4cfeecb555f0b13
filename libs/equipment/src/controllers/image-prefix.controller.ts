import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { IMAGE_TYPES } from '../drivers/contract/device-interfaces';
import { ImageArchive } from '../image/image-archive.service';
import { ImageViewService } from '../image/image-view.service';
import { badParameter, NinaError, ninaOk } from '../nina/envelope';
import { NinaAct, NinaController } from '../nina/nina-api.decorators';
import { optionalEnum, requiredString } from '../nina/query';
import { parseIndex } from './image.controller';

/** A file name part: no separators, no parent references, nothing hidden. */
const SAFE_PREFIX = /^[A-Za-z0-9 _.,+()[\]-]{1,64}$/;

@NinaController('', 'N.I.N.A. images and events')
export class ImagePrefixController {
  constructor(
    private readonly images: ImageViewService,
    private readonly archive: ImageArchive,
  ) {}

  @Get('image/:index/prefix')
  @NinaAct()
  @ApiParam({ name: 'index', type: Number })
  @ApiOperation({ summary: 'Renames a saved image file by putting `prefix` before its name (400 "File already exists" ...)' })
  async addImagePrefix(@Param('index') index: string, @Query('prefix') prefix: unknown, @Query('imageType') imageType: unknown) {
    const text = requiredString('prefix', prefix);
    if (!SAFE_PREFIX.test(text) || text.startsWith('.')) throw badParameter('prefix may hold letters, digits, spaces and _ . , + ( ) [ ] - only');
    const record = await this.images.record(parseIndex(index), optionalEnum('imageType', imageType, IMAGE_TYPES), new NinaError('No images available', 400));
    await this.archive.addPrefix(record, text);
    return ninaOk(`Image renamed with prefix ${text}`);
  }
}
