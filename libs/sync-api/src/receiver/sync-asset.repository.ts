import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { StagedFile, StoredFile } from '@app/core';
import { SyncAssetEntity } from '../entities/sync-asset.entity';
import { syncError } from './sync-errors';

export type NewAsset = Omit<SyncAssetEntity, 'id' | 'stored' | 'fileSize' | 'sha256'>;

export interface StoreResult {
  asset: SyncAssetEntity;
  /** A file of the replaced entry at another path, to delete once the row change is committed. */
  replacedPath?: string;
}

@Injectable()
export class SyncAssetRepository {
  constructor(
    @InjectRepository(SyncAssetEntity) private readonly assets: Repository<SyncAssetEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Inserts the row and moves the staged file into place in one transaction, serialised per
   * entry by an advisory lock, so concurrent uploads of one entry end with one row and one whole
   * file. The file is renamed last, just before COMMIT; if COMMIT fails it is removed again.
   */
  async store(asset: NewAsset, staged: StagedFile, overwrite: boolean, removeFile: (path: string) => Promise<unknown>): Promise<StoreResult> {
    let committed: StoredFile | undefined;
    try {
      return await this.dataSource.transaction(async (em) => {
        await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sync-asset:${asset.cameraId}:${asset.type}:${asset.duplicateKey}`]);
        const repo = em.getRepository(SyncAssetEntity);
        const existing = await repo.findOneBy({ cameraId: asset.cameraId, type: asset.type, duplicateKey: asset.duplicateKey });
        if (existing && !overwrite) throw syncError('file_exists');
        if (existing) await repo.delete({ id: existing.id });
        const stored = staged.size > 0;
        const row = await repo.save(repo.create({ ...asset, stored, fileSize: staged.size, sha256: staged.sha256 }));
        // indi-allsky also deletes an orphaned file at the target path: overwrite does that.
        if (stored) committed = await staged.commit(asset.relativePath, { overwrite: true });
        const replacedPath = existing?.stored && existing.relativePath !== asset.relativePath ? existing.relativePath : undefined;
        return { asset: row, replacedPath };
      });
    } catch (err) {
      if (committed) await removeFile(committed.relativePath);
      throw err;
    }
  }

  findOne(id: number, cameraId: number, type: string): Promise<SyncAssetEntity | null> {
    return this.assets.findOneBy({ id, cameraId, type: type as SyncAssetEntity['type'] });
  }

  findStoredAt(relativePath: string): Promise<SyncAssetEntity | null> {
    return this.assets.findOneBy({ relativePath, stored: true });
  }

  findById(id: number): Promise<SyncAssetEntity | null> {
    return this.assets.findOneBy({ id });
  }

  async delete(id: number): Promise<void> {
    await this.assets.delete({ id });
  }

  /** Whether another row still points at the path (a replaced entry may share it). */
  async pathInUse(relativePath: string): Promise<boolean> {
    return this.assets.existsBy({ relativePath, stored: true });
  }

  query(): ReturnType<Repository<SyncAssetEntity>['createQueryBuilder']> {
    return this.assets.createQueryBuilder('a');
  }
}
