import type { Principal } from '@app/auth';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { FindOptionsWhere } from 'typeorm';
import type { CreateDataPackageDto, CreateDatasetDto, CreateFrameDto, CreateNightLogDto, DatasetQueryDto, FrameQueryDto, NamedQueryDto, NightLogQueryDto, UpdateDataPackageDto, UpdateDatasetDto, UpdateFrameDto, UpdateNightLogDto } from '../dtos/data.dto';
import { fieldError, NOT_FOUND } from '../http/arcsecond-errors';
import type { DataPackageEntity, DatasetEntity, FrameEntity, NightLogEntity } from '../entities/data.entities';
import { byName, type Page } from '../repositories/archive-repository';
import { ArchiveVisibility } from './archive-visibility';
import { DataFileRepository, DataPackageRepository, DatasetRepository, FrameRepository, NightLogRepository } from '../repositories/data.repositories';
import { TelescopeRepository } from '../repositories/site.repositories';

/** Datasets, data packages, night logs and the observations/calibrations inside them. */
@Injectable()
export class DatasetsService {
  constructor(
    private readonly datasets: DatasetRepository,
    private readonly packages: DataPackageRepository,
    private readonly nightLogs: NightLogRepository,
    private readonly frames: FrameRepository,
    private readonly files: DataFileRepository,
    private readonly telescopes: TelescopeRepository,
    private readonly visibility: ArchiveVisibility,
  ) {}

  async listDatasets(p: Principal, q: DatasetQueryDto): Promise<Page<DatasetEntity>> {
    const tags = (q.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    return this.datasets.search({ name: q.name, telescope: q.telescope, tags, isPublic: q.is_public }, q, await this.visibility.readable(p, 'dataset'));
  }

  async getDataset(p: Principal, uuid: string): Promise<DatasetEntity> {
    return this.datasets.get(uuid, await this.visibility.readable(p, 'dataset'));
  }

  /** A dataset the caller may add to (public datasets of others do not count). */
  async findDataset(p: Principal, uuid: string): Promise<DatasetEntity | null> {
    return this.datasets.find(uuid, await this.visibility.where(p));
  }

  /** The dataset a telescope's captures of a night go to, created on first use; the server's own (administrators see it). */
  async capturesDataset(telescope: string, name: string, tags: string[]): Promise<DatasetEntity> {
    const serverSpace = { owner: null, organisation: null };
    return (await this.datasets.findByTelescopeAndName(telescope, name, this.visibility.space(serverSpace))) ?? this.datasets.create({ name, telescope, tags, ...serverSpace });
  }

  /** Files per dataset, for `data_files_count`. */
  fileCounts(datasetIds: string[]): Promise<Map<string, number>> {
    return this.files.countsByDataset(datasetIds);
  }

  async createDataset(p: Principal, dto: CreateDatasetDto): Promise<DatasetEntity> {
    await this.assertTelescope(dto.telescope);
    return this.datasets.create({ name: dto.name, telescope: dto.telescope ?? null, tags: dto.tags ?? [], isPublic: dto.is_public ?? false, ...(await this.visibility.ownershipFor(p)) });
  }

  async updateDataset(p: Principal, uuid: string, dto: UpdateDatasetDto): Promise<DatasetEntity> {
    const scope = await this.visibility.writable(this.datasets, uuid, p, 'dataset');
    await this.assertTelescope(dto.telescope);
    return this.datasets.patch(uuid, { name: dto.name, telescope: dto.telescope, tags: dto.tags, isPublic: dto.is_public }, scope);
  }

  /** Deletes a dataset the caller sees (its files' rows go with it; the caller removes the files). */
  async deleteDataset(p: Principal, uuid: string): Promise<void> {
    await this.datasets.remove(uuid, await this.visibility.writable(this.datasets, uuid, p, 'dataset'));
  }

  /** 404 for a dataset the caller cannot see, 403 for a public one it may not change. */
  async assertWritableDataset(p: Principal, uuid: string): Promise<void> {
    await this.visibility.writable(this.datasets, uuid, p, 'dataset');
  }

  listPackages(q: NamedQueryDto): Promise<Page<DataPackageEntity>> {
    return this.packages.list(byName(q), q);
  }

  getPackage(uuid: string): Promise<DataPackageEntity> {
    return this.packages.get(uuid);
  }

  createPackage(dto: CreateDataPackageDto): Promise<DataPackageEntity> {
    return this.packages.create({ name: dto.name, description: dto.description ?? '', datasets: dto.datasets ?? [] });
  }

  updatePackage(uuid: string, dto: UpdateDataPackageDto): Promise<DataPackageEntity> {
    return this.packages.patch(uuid, { name: dto.name, description: dto.description, datasets: dto.datasets });
  }

  async deletePackage(uuid: string): Promise<void> {
    await this.packages.remove(uuid);
  }

  async listNightLogs(p: Principal, q: NightLogQueryDto): Promise<Page<NightLogEntity>> {
    const where: FindOptionsWhere<NightLogEntity> = {};
    if (q.date) where.date = q.date;
    if (q.telescope) where.telescope = q.telescope;
    return this.nightLogs.list(where, q, await this.visibility.where(p));
  }

  async createNightLog(p: Principal, dto: CreateNightLogDto): Promise<NightLogEntity> {
    await this.assertTelescope(dto.telescope);
    const ownership = await this.visibility.ownershipFor(p);
    if (dto.telescope && (await this.nightLogs.existsFor(dto.telescope, dto.date, this.visibility.space(ownership)))) {
      throw fieldError('non_field_errors', `A night log for ${dto.date} and this telescope already exists (one per night and telescope).`);
    }
    return this.nightLogs.create({ date: dto.date, telescope: dto.telescope ?? null, ...ownership });
  }

  async updateNightLog(p: Principal, uuid: string, dto: UpdateNightLogDto): Promise<NightLogEntity> {
    await this.getNightLog(p, uuid);
    await this.assertTelescope(dto.telescope);
    return this.nightLogs.patch(uuid, { date: dto.date, telescope: dto.telescope }, await this.visibility.where(p));
  }

  async getNightLog(p: Principal, uuid: string): Promise<NightLogEntity> {
    return this.nightLogs.get(uuid, await this.visibility.where(p));
  }

  async deleteNightLog(p: Principal, uuid: string): Promise<void> {
    await this.nightLogs.remove(uuid, await this.visibility.where(p));
  }

  /** The night log of a telescope for a night in the space of a dataset, created on first use (concurrent uploads meet on one row). */
  nightLogFor(telescope: string, date: string, dataset: DatasetEntity): Promise<NightLogEntity> {
    const ownership = this.visibility.ownershipOf(dataset);
    return this.nightLogs.findOrCreate(telescope, date, ownership, this.visibility.space(ownership));
  }

  async listFrames(p: Principal, kind: FrameEntity['kind'], q: FrameQueryDto): Promise<Page<FrameEntity>> {
    const where: FindOptionsWhere<FrameEntity> = { kind, ...byName(q) };
    if (q.night_log) where.nightLog = q.night_log;
    if (q.dataset) where.dataset = q.dataset;
    if (q.target_name !== undefined) where.targetName = q.target_name;
    return this.frames.list(where, q, await this.visibility.readable(p, 'in-dataset'));
  }

  async getFrame(p: Principal, kind: FrameEntity['kind'], uuid: string): Promise<FrameEntity> {
    const frame = await this.frames.get(uuid, await this.visibility.readable(p, 'in-dataset'));
    if (frame.kind !== kind) throw new NotFoundException({ detail: NOT_FOUND });
    return frame;
  }

  async createFrame(p: Principal, kind: FrameEntity['kind'], dto: CreateFrameDto): Promise<FrameEntity> {
    await this.assertRefs(p, dto);
    return this.frames.create({ kind, name: dto.name, targetName: dto.target_name ?? '', nightLog: dto.night_log ?? null, dataset: dto.dataset ?? null, ...(await this.visibility.ownershipFor(p)) });
  }

  async updateFrame(p: Principal, kind: FrameEntity['kind'], uuid: string, dto: UpdateFrameDto): Promise<FrameEntity> {
    await this.getFrame(p, kind, uuid);
    const scope = await this.visibility.writable(this.frames, uuid, p, 'in-dataset');
    await this.assertRefs(p, dto);
    return this.frames.patch(uuid, { name: dto.name, targetName: dto.target_name, nightLog: dto.night_log, dataset: dto.dataset }, scope);
  }

  /** Files an observation or calibration read from a data file's header. */
  addFrame(values: Omit<FrameEntity, 'uuid' | 'createdAt'>): Promise<FrameEntity> {
    return this.frames.create(values);
  }

  /** The observation or calibration made from each data file. */
  framesOf(fileIds: number[]): Promise<Map<number, FrameEntity>> {
    return this.frames.byDataFiles(fileIds);
  }

  async deleteFrame(p: Principal, kind: FrameEntity['kind'], uuid: string): Promise<void> {
    await this.getFrame(p, kind, uuid);
    await this.frames.remove(uuid, await this.visibility.writable(this.frames, uuid, p, 'in-dataset'));
  }

  /** A frame may point only at a night log and a dataset the caller sees (anything else "does not exist"). */
  private async assertRefs(p: Principal, dto: UpdateFrameDto): Promise<void> {
    if (dto.night_log && !(await this.nightLogs.exists(dto.night_log, await this.visibility.where(p)))) throw fieldError('night_log', `night_log ${dto.night_log} does not exist`);
    if (dto.dataset && !(await this.datasets.exists(dto.dataset, await this.visibility.where(p)))) throw fieldError('dataset', `dataset ${dto.dataset} does not exist`);
  }

  private async assertTelescope(uuid: string | null | undefined): Promise<void> {
    if (uuid && !(await this.telescopes.exists(uuid))) throw fieldError('telescope', `telescope ${uuid} does not exist`);
  }
}
