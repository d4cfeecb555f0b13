import { Injectable } from '@nestjs/common';
import { In, Raw, type FindOptionsWhere } from 'typeorm';
import { DataFileEntity, DataPackageEntity, DatasetEntity, FrameEntity, NightLogEntity } from '../entities/data.entities';
import type { PageRequest } from '../http/list-shape';
import { recordedPaths } from './recorded-paths';
import { archiveRepositoryOf, type Page, type Scope } from './archive-repository';

@Injectable()
export class DatasetRepository extends archiveRepositoryOf(DatasetEntity, 'uuid', { createdAt: 'ASC' }) {
  /** Datasets by exact name, telescope, publicity and tags (a dataset matches when it has every tag given). */
  search(filter: { name?: string; telescope?: string; tags: string[]; isPublic?: boolean }, request: PageRequest, scope: Scope<DatasetEntity>): Promise<Page<DatasetEntity>> {
    const where: FindOptionsWhere<DatasetEntity> = {};
    if (filter.isPublic !== undefined) where.isPublic = filter.isPublic;
    if (filter.name !== undefined) where.name = filter.name;
    if (filter.telescope) where.telescope = filter.telescope;
    if (filter.tags.length) where.tags = Raw((column) => `${column} @> CAST(:tags AS jsonb)`, { tags: JSON.stringify(filter.tags) });
    return this.list(where, request, scope);
  }

  findByTelescopeAndName(telescope: string, name: string, scope: Scope<DatasetEntity>): Promise<DatasetEntity | null> {
    return this.repo.findOneBy(this.scoped({ telescope, name }, scope));
  }
}

@Injectable()
export class DataPackageRepository extends archiveRepositoryOf(DataPackageEntity, 'uuid', { createdAt: 'ASC' }) {}

@Injectable()
export class NightLogRepository extends archiveRepositoryOf(NightLogEntity, 'uuid', { date: 'ASC', createdAt: 'ASC' }) {
  existsFor(telescope: string, date: string, space: Scope<NightLogEntity>): Promise<boolean> {
    return this.repo.existsBy(this.scoped({ telescope, date }, space));
  }

  /**
   * The night log of a telescope for a night in one owner's space, created on first use. The
   * unique index on (telescope, date, owner, organisation) makes concurrent uploads meet on one row.
   */
  async findOrCreate(telescope: string, date: string, ownership: Pick<NightLogEntity, 'owner' | 'organisation'>, space: Scope<NightLogEntity>): Promise<NightLogEntity> {
    await this.repo.createQueryBuilder().insert().values({ telescope, date, ...ownership }).orIgnore().execute();
    return (await this.repo.findOneBy(this.scoped({ telescope, date }, space)))!;
  }
}

@Injectable()
export class FrameRepository extends archiveRepositoryOf(FrameEntity, 'uuid', { dateObs: 'ASC', createdAt: 'ASC' }) {
  /** The observation or calibration made from each data file. */
  async byDataFiles(fileIds: number[]): Promise<Map<number, FrameEntity>> {
    if (fileIds.length === 0) return new Map();
    const frames = await this.repo.findBy({ dataFile: In(fileIds) });
    return new Map(frames.map((f) => [f.dataFile!, f]));
  }
}

@Injectable()
export class DataFileRepository extends archiveRepositoryOf(DataFileEntity, 'id', { id: 'ASC' }) {
  existsIn(dataset: string, fileName: string): Promise<boolean> {
    return this.repo.existsBy({ dataset, fileName });
  }

  /** Which of these stored paths have a row. */
  recorded(relativePaths: string[]): Promise<Set<string>> {
    return recordedPaths(this.repo, relativePaths);
  }

  /** The stored files of a dataset, to remove once its rows are gone. */
  async pathsInDataset(dataset: string): Promise<string[]> {
    return (await this.repo.find({ where: { dataset }, select: { id: true, relativePath: true } })).map((f) => f.relativePath);
  }

  /** Files per dataset, for `data_files_count`. */
  async countsByDataset(datasetIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(datasetIds.map((id) => [id, 0]));
    if (datasetIds.length === 0) return counts;
    const rows = await this.repo
      .createQueryBuilder('f')
      .select('f.dataset', 'dataset')
      .addSelect('COUNT(*)', 'count')
      .where('f.dataset IN (:...ids)', { ids: datasetIds })
      .groupBy('f.dataset')
      .getRawMany<{ dataset: string; count: string }>();
    for (const row of rows) counts.set(row.dataset, Number(row.count));
    return counts;
  }
}

