import { Injectable, NotFoundException } from '@nestjs/common';
import { FileStore } from '@app/core';
import type { SyncAssetEntity } from '../entities/sync-asset.entity';
import { SyncAssetRepository } from '../receiver/sync-asset.repository';
import { SyncCameraRepository } from '../receiver/sync-camera.repository';
import { toSyncAssetDto, toSyncCameraDto, type ListSyncAssetsQueryDto, type SyncAssetDto, type SyncAssetPageDto, type SyncCameraDto } from './sync-browse.dto';

export interface StoredAssetFile {
  path: string;
  contentType: string;
  fileName: string;
}

/** Read side for dashboards: cameras, filtered asset pages, the latest image, stored files. */
@Injectable()
export class SyncBrowseService {
  constructor(
    private readonly cameras: SyncCameraRepository,
    private readonly assets: SyncAssetRepository,
    private readonly files: FileStore,
  ) {}

  async listCameras(): Promise<SyncCameraDto[]> {
    return (await this.cameras.list()).map(toSyncCameraDto);
  }

  async listAssets(q: ListSyncAssetsQueryDto): Promise<SyncAssetPageDto> {
    const qb = this.assets.query();
    if (q.cameraId !== undefined) qb.andWhere('a.camera_id = :cameraId', { cameraId: q.cameraId });
    if (q.type) qb.andWhere('a.type = :type', { type: q.type });
    if (q.dayDate) qb.andWhere('a.day_date = :dayDate', { dayDate: q.dayDate });
    if (q.night !== undefined) qb.andWhere('a.night = :night', { night: q.night });
    if (q.from) qb.andWhere('a.create_date >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.create_date < :to', { to: q.to });
    const [rows, total] = await qb
      .orderBy('a.create_date', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: rows.map(toSyncAssetDto), total, page: q.page, pageSize: q.pageSize };
  }

  async getAsset(id: number): Promise<SyncAssetDto> {
    return toSyncAssetDto(await this.findAsset(id));
  }

  async latestImage(cameraId: number): Promise<SyncAssetDto> {
    const latest = await this.assets.query().where('a.camera_id = :cameraId AND a.type = :type', { cameraId, type: 'image' }).orderBy('a.create_date', 'DESC').addOrderBy('a.id', 'DESC').getOne();
    if (!latest) throw new NotFoundException(`camera ${cameraId} has no image`);
    return toSyncAssetDto(latest);
  }

  /** The file of an asset: absolute path and content type, or 404 when only metadata was sent. */
  async fileOf(id: number): Promise<StoredAssetFile> {
    const asset = await this.findAsset(id);
    if (!asset.stored) throw new NotFoundException(`asset ${id} has no file on this server (metadata-only upload)`);
    return this.storedFile(asset);
  }

  /** The file of the asset stored at a path (the reply url); other files of the store are not served. */
  async fileAt(relativePath: string): Promise<StoredAssetFile> {
    const asset = await this.assets.findStoredAt(relativePath);
    if (!asset) throw new NotFoundException(`no received file at images/${relativePath}`);
    return this.storedFile(asset);
  }

  private storedFile(asset: SyncAssetEntity): StoredAssetFile {
    const fileName = asset.relativePath.split('/').pop()!;
    return { path: this.files.resolve(asset.relativePath), contentType: asset.contentType, fileName };
  }

  private async findAsset(id: number): Promise<SyncAssetEntity> {
    const asset = await this.assets.findById(id);
    if (!asset) throw new NotFoundException(`asset ${id} not found`);
    return asset;
  }
}
