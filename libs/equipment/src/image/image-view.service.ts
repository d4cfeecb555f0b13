import { Injectable } from '@nestjs/common';
import type { EquipmentImageEntity } from '../entities/equipment-image.entity';
import { NinaError } from '../nina/envelope';
import { ProfileService } from '../profile/profile.service';
import { ImageHistoryRepository } from '../repositories/image-history.repository';
import { ImageArchive } from './image-archive.service';
import { imageStatistics } from '../drivers/image/image-analysis';
import { encodePreview, linearTable, stretch, stretchTable, type EncodedImage, type PreviewOptions } from './preview';

const THUMBNAIL_WIDTH = 256;

/** image-history, image/{index}, image/thumbnail/{index}: reads the archive and renders previews. */
@Injectable()
export class ImageViewService {
  constructor(
    private readonly history: ImageHistoryRepository,
    private readonly archive: ImageArchive,
    private readonly profile: ProfileService,
  ) {}

  async records(imageType?: string): Promise<EquipmentImageEntity[]> {
    return this.history.list(imageType);
  }

  /** The entry at a 0-based index (of the filtered list); ninaAPI answers 400 "Index out of range". */
  async record(index: number, imageType?: string, emptyError = new NinaError('Index out of range', 400)): Promise<EquipmentImageEntity> {
    const list = await this.history.list(imageType);
    if (list.length === 0) throw emptyError;
    const record = list[index];
    if (!record) throw new NinaError('Index out of range', 400);
    return record;
  }

  async image(record: EquipmentImageEntity, options: PreviewOptions): Promise<EncodedImage> {
    const fits = await this.archive.load(record);
    return this.render(fits.pixels, fits.width, fits.height, options);
  }

  async thumbnail(record: EquipmentImageEntity): Promise<EncodedImage> {
    return this.image(record, { resize: true, scale: THUMBNAIL_WIDTH / record.width, quality: 80 });
  }

  rawFits(record: EquipmentImageEntity): Promise<Buffer> {
    return this.archive.readFile(record);
  }

  /** The stretched 8-bit preview the capture and image routes return. */
  render(pixels: Uint16Array, width: number, height: number, options: PreviewOptions): Promise<EncodedImage> {
    const stats = imageStatistics(pixels);
    const factor = options.stretchFactor ?? this.profile.setting('ImageSettings', 'AutoStretchFactor', 0.2);
    const clipping = options.blackClipping ?? this.profile.setting('ImageSettings', 'BlackClipping', -2.8);
    const lut = options.linear ? linearTable(stats) : stretchTable(stats, factor, clipping);
    return encodePreview(stretch(pixels, lut), width, height, options);
  }
}
