import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { EquipmentImageEntity } from '../entities/equipment-image.entity';

@Injectable()
export class ImageHistoryRepository {
  constructor(@InjectRepository(EquipmentImageEntity) private readonly images: Repository<EquipmentImageEntity>) {}

  add(record: Omit<EquipmentImageEntity, 'id' | 'seq'>): Promise<EquipmentImageEntity> {
    return this.images.save(this.images.create(record));
  }

  /** Every image in capture order, optionally of one type; positions in this list are ninaAPI indices. */
  list(imageType?: string): Promise<EquipmentImageEntity[]> {
    return this.images.find({ where: imageType ? { imageType } : {}, order: { seq: 'ASC' } });
  }

  /** The file moved (image/{index}/prefix): its path, which ninaAPI lists as Filename. */
  async moveFile(record: EquipmentImageEntity, filePath: string): Promise<void> {
    const statistics = { ...record.statistics, Filename: filePath };
    await this.images.update({ id: record.id }, { filePath, statistics });
    record.filePath = filePath;
    record.statistics = statistics;
  }
}
