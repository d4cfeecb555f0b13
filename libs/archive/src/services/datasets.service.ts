import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Raw, type FindOptionsWhere, type Repository } from 'typeorm';
import { AppConfig } from '@app/core';
import type { CreateDataPackageDto, CreateDatasetDto, CreateFrameDto, CreateNightLogDto, DatasetQueryDto, FrameQueryDto, NightLogQueryDto, UpdateDataPackageDto, UpdateDatasetDto, UpdateFrameDto, UpdateNightLogDto } from '../dtos/data.dto';
import { NOT_FOUND } from '../http/arcsecond-errors';
import { DataFileEntity, DataPackageEntity, DatasetEntity, FrameEntity, NightLogEntity } from '../entities/data.entities';
import { TelescopeEntity } from '../entities/site.entities';
import { EntityCrud, type Page } from './entity-crud';

/** Datasets, data packages, night logs and the observations/calibrations inside them. */
@Injectable()
export class DatasetsService {
  readonly datasets: EntityCrud<DatasetEntity>;
  readonly packages: EntityCrud<DataPackageEntity>;
  readonly nightLogs: EntityCrud<NightLogEntity>;
  readonly frames: EntityCrud<FrameEntity>;

  constructor(
    @InjectRepository(DatasetEntity) datasets: Repository<DatasetEntity>,
    @InjectRepository(DataPackageEntity) packages: Repository<DataPackageEntity>,
    @InjectRepository(NightLogEntity) nightLogs: Repository<NightLogEntity>,
    @InjectRepository(FrameEntity) frames: Repository<FrameEntity>,
    @InjectRepository(DataFileEntity) private readonly files: Repository<DataFileEntity>,
    @InjectRepository(TelescopeEntity) private readonly telescopes: Repository<TelescopeEntity>,
    config: AppConfig,
  ) {
    const size = config.archive.pageSize;
    this.datasets = new EntityCrud(datasets, 'uuid', size, { createdAt: 'ASC' });
    this.packages = new EntityCrud(packages, 'uuid', size, { createdAt: 'ASC' });
    this.nightLogs = new EntityCrud(nightLogs, 'uuid', size, { date: 'ASC', createdAt: 'ASC' });
    this.frames = new EntityCrud(frames, 'uuid', size, { dateObs: 'ASC', createdAt: 'ASC' });
  }

  listDatasets(q: DatasetQueryDto): Promise<Page<DatasetEntity>> {
    const where: FindOptionsWhere<DatasetEntity> = {};
    if (q.name !== undefined) where.name = q.name;
    if (q.telescope) where.telescope = q.telescope;
    const tags = (q.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    if (tags.length) where.tags = Raw((column) => `${column} @> CAST(:tags AS jsonb)`, { tags: JSON.stringify(tags) });
    return this.datasets.list(where, q.page);
  }

  /** Files per dataset, for `data_files_count`. */
  async fileCounts(datasetIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(datasetIds.map((id) => [id, 0]));
    if (datasetIds.length === 0) return counts;
    const rows = await this.files
      .createQueryBuilder('f')
      .select('f.dataset', 'dataset')
      .addSelect('COUNT(*)', 'count')
      .where('f.dataset IN (:...ids)', { ids: datasetIds })
      .groupBy('f.dataset')
      .getRawMany<{ dataset: string; count: string }>();
    for (const row of rows) counts.set(row.dataset, Number(row.count));
    return counts;
  }

  async createDataset(dto: CreateDatasetDto): Promise<DatasetEntity> {
    await this.assertTelescope(dto.telescope);
    return this.datasets.create({ name: dto.name, telescope: dto.telescope ?? null, tags: dto.tags ?? [] });
  }

  async updateDataset(uuid: string, dto: UpdateDatasetDto): Promise<DatasetEntity> {
    await this.assertTelescope(dto.telescope);
    return this.datasets.patch(uuid, { name: dto.name, telescope: dto.telescope, tags: dto.tags });
  }

  createPackage(dto: CreateDataPackageDto): Promise<DataPackageEntity> {
    return this.packages.create({ name: dto.name, description: dto.description ?? '', datasets: dto.datasets ?? [] });
  }

  updatePackage(uuid: string, dto: UpdateDataPackageDto): Promise<DataPackageEntity> {
    return this.packages.patch(uuid, { name: dto.name, description: dto.description, datasets: dto.datasets });
  }

  listNightLogs(q: NightLogQueryDto): Promise<Page<NightLogEntity>> {
    const where: FindOptionsWhere<NightLogEntity> = {};
    if (q.date) where.date = q.date;
    if (q.telescope) where.telescope = q.telescope;
    return this.nightLogs.list(where, q.page);
  }

  async createNightLog(dto: CreateNightLogDto): Promise<NightLogEntity> {
    await this.assertTelescope(dto.telescope);
    if (dto.telescope && (await this.nightLogs.repo.existsBy({ telescope: dto.telescope, date: dto.date }))) {
      throw new BadRequestException({ detail: `A night log for ${dto.date} and this telescope already exists (one per night and telescope).` });
    }
    return this.nightLogs.create({ date: dto.date, telescope: dto.telescope ?? null });
  }

  async updateNightLog(uuid: string, dto: UpdateNightLogDto): Promise<NightLogEntity> {
    await this.assertTelescope(dto.telescope);
    return this.nightLogs.patch(uuid, { date: dto.date, telescope: dto.telescope });
  }

  /**
   * The night log of a telescope for a night, created on first use. The unique index on
   * (telescope, date) makes concurrent uploads of the same night meet on one row.
   */
  async nightLogFor(telescope: string, date: string): Promise<NightLogEntity> {
    await this.nightLogs.repo.createQueryBuilder().insert().values({ telescope, date }).orIgnore().execute();
    return (await this.nightLogs.repo.findOneBy({ telescope, date }))!;
  }

  listFrames(kind: FrameEntity['kind'], q: FrameQueryDto): Promise<Page<FrameEntity>> {
    const where: FindOptionsWhere<FrameEntity> = { kind };
    if (q.night_log) where.nightLog = q.night_log;
    if (q.dataset) where.dataset = q.dataset;
    if (q.target_name !== undefined) where.targetName = q.target_name;
    return this.frames.list(where, q.page);
  }

  async getFrame(kind: FrameEntity['kind'], uuid: string): Promise<FrameEntity> {
    const frame = await this.frames.get(uuid);
    if (frame.kind !== kind) throw new NotFoundException({ detail: NOT_FOUND });
    return frame;
  }

  async createFrame(kind: FrameEntity['kind'], dto: CreateFrameDto): Promise<FrameEntity> {
    await this.assertRefs(dto);
    return this.frames.create({ kind, name: dto.name, targetName: dto.target_name ?? '', nightLog: dto.night_log ?? null, dataset: dto.dataset ?? null });
  }

  async updateFrame(kind: FrameEntity['kind'], uuid: string, dto: UpdateFrameDto): Promise<FrameEntity> {
    await this.getFrame(kind, uuid);
    await this.assertRefs(dto);
    return this.frames.patch(uuid, { name: dto.name, targetName: dto.target_name, nightLog: dto.night_log, dataset: dto.dataset });
  }

  async deleteFrame(kind: FrameEntity['kind'], uuid: string): Promise<void> {
    await this.getFrame(kind, uuid);
    await this.frames.remove(uuid);
  }

  private async assertRefs(dto: UpdateFrameDto): Promise<void> {
    if (dto.night_log && !(await this.nightLogs.exists(dto.night_log))) throw new BadRequestException({ detail: `night_log ${dto.night_log} does not exist` });
    if (dto.dataset && !(await this.datasets.exists(dto.dataset))) throw new BadRequestException({ detail: `dataset ${dto.dataset} does not exist` });
  }

  private async assertTelescope(uuid: string | null | undefined): Promise<void> {
    if (uuid && !(await this.telescopes.existsBy({ uuid }))) throw new BadRequestException({ detail: `telescope ${uuid} does not exist` });
  }
}
