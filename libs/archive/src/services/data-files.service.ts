import { basename } from 'node:path';
import { BadRequestException, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { In, type Repository } from 'typeorm';
import { AppConfig, FileExistsError, FileStore, type StoredFile } from '@app/core';
import { splitTags, type DataFileQueryDto, type UpdateDataFileDto } from '../dtos/data.dto';
import { DataFileEntity, FrameEntity, type DatasetEntity } from '../entities/data.entities';
import { DecompressionLimitError, inspectFile } from '../files/content-inspector';
import type { FitsValue } from '@app/core';
import { receiveMultipart } from '../http/multipart';
import { DatasetsService } from './datasets.service';
import { EntityCrud, type Page } from './entity-crud';
import { IngestService } from './ingest.service';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Python clients send booleans in form fields as "True"/"False". */
function formBoolean(value: string | undefined): boolean {
  return ['true', '1', 'yes', 'on'].includes((value ?? '').trim().toLowerCase());
}

/** JSON-safe header values (bigints as strings). */
function storableHeader(keywords: Record<string, FitsValue> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(keywords ?? {})) out[k] = typeof v === 'bigint' ? v.toString() : v;
  return out;
}

/** A file name safe to store: the last path part, not hidden, no control characters. */
export function cleanFileName(raw: string): string {
  const name = basename(raw.replace(/\\/g, '/')).trim();
  if (!name || name === '.' || name === '..' || name.startsWith('.') || [...name].some((c) => c.charCodeAt(0) < 0x20) || name.length > 255) {
    throw new BadRequestException({ detail: `"${raw}" is not an acceptable file name (hidden, empty or too long).` });
  }
  return name;
}

/** Data files: multipart upload into the file store, content inspection, ingest. */
@Injectable()
export class DataFilesService {
  readonly files: EntityCrud<DataFileEntity>;

  constructor(
    @InjectRepository(DataFileEntity) files: Repository<DataFileEntity>,
    @InjectRepository(FrameEntity) private readonly frames: Repository<FrameEntity>,
    private readonly store: FileStore,
    private readonly datasets: DatasetsService,
    private readonly ingest: IngestService,
    private readonly config: AppConfig,
  ) {
    this.files = new EntityCrud(files, 'id', config.archive.pageSize, { id: 'ASC' });
  }

  list(q: DataFileQueryDto): Promise<Page<DataFileEntity>> {
    return this.files.list(q.dataset ? { dataset: q.dataset } : {}, q.page);
  }

  /** The observation or calibration made from each file. */
  async framesOf(fileIds: number[]): Promise<Map<number, FrameEntity>> {
    if (fileIds.length === 0) return new Map();
    const frames = await this.frames.findBy({ dataFile: In(fileIds) });
    return new Map(frames.map((f) => [f.dataFile!, f]));
  }

  /**
   * Streams the `file` part to the store, then checks the dataset and the name, keeps the file,
   * reads its header (through any zip/gzip/bzip2 wrapper) and ingests it. A header that cannot
   * be read does not refuse the file; a decompression bomb does.
   */
  async upload(req: Request): Promise<DataFileEntity> {
    const { fields, file } = await receiveMultipart(req, this.store, 'file', this.config.uploadMaxBytes);
    if (!file) throw new BadRequestException({ detail: 'No file was submitted (multipart part "file").' });
    const { staged } = file;
    try {
      const datasetId = fields.dataset?.trim() ?? '';
      if (!UUID_V4.test(datasetId)) throw new BadRequestException({ detail: 'dataset must be the UUID of an existing dataset.' });
      const dataset = await this.datasets.datasets.repo.findOneBy({ uuid: datasetId });
      if (!dataset) throw new BadRequestException({ detail: `dataset ${datasetId} does not exist.` });
      const fileName = cleanFileName(file.fileName);
      if (await this.files.repo.existsBy({ dataset: dataset.uuid, fileName })) throw this.duplicate(fileName, dataset.uuid);
      const relativePath = `archive/${dataset.uuid}/${fileName}`;
      const stored = await staged.commit(relativePath).catch((err: unknown) => {
        throw err instanceof FileExistsError ? this.duplicate(fileName, dataset.uuid) : err;
      });
      return await this.register(dataset, fileName, stored, { isRaw: formBoolean(fields.is_raw), tags: (splitTags({ value: fields.tags ?? '' }) as string[]) ?? [] });
    } finally {
      await staged.discard();
    }
  }

  /**
   * Files a stored file in a dataset: reads its header (through any zip/gzip/bzip2 wrapper),
   * records it and ingests FITS/XISF into an observation or calibration. The file is removed
   * again when it cannot be recorded, so a file and its row appear together or not at all.
   */
  async register(dataset: DatasetEntity, fileName: string, stored: StoredFile, options: { isRaw: boolean; tags: string[] }): Promise<DataFileEntity> {
    const { relativePath } = stored;
    const inspection = await inspectFile(stored.absolutePath, this.config.archive.maxDecompressedBytes).catch(async (err: unknown) => {
      await this.store.remove(relativePath);
      if (err instanceof DecompressionLimitError) throw new PayloadTooLargeException({ detail: err.message });
      throw err;
    });
    const entity = await this.files
      .create({
        dataset: dataset.uuid,
        fileName,
        relativePath,
        size: stored.size,
        sha256: stored.sha256,
        isRaw: options.isRaw,
        tags: options.tags,
        format: inspection.format,
        compression: inspection.compression,
        headerStatus: inspection.headerStatus,
        headerError: inspection.headerError ?? null,
        header: storableHeader(inspection.header?.keywords),
      })
      .catch(async (err: unknown) => {
        await this.store.remove(relativePath);
        throw (err as { code?: string }).code === '23505' ? this.duplicate(fileName, dataset.uuid) : err;
      });
    if (inspection.header && (inspection.format === 'fits' || inspection.format === 'xisf')) {
      await this.ingest.ingest(entity, dataset, inspection.header);
    }
    return entity;
  }

  update(id: number, dto: UpdateDataFileDto): Promise<DataFileEntity> {
    return this.files.patch(id, { tags: dto.tags, isRaw: dto.is_raw });
  }

  async remove(id: number): Promise<void> {
    const file = await this.files.remove(id);
    await this.store.removeAll([file.relativePath]);
  }

  /** Deletes a dataset with its files: the rows go with it (ON DELETE CASCADE), then the files. */
  async removeDataset(uuid: string): Promise<void> {
    const files = await this.files.repo.find({ where: { dataset: uuid }, select: { id: true, relativePath: true } });
    await this.datasets.datasets.remove(uuid);
    await this.store.removeAll(files.map((f) => f.relativePath));
  }

  absolutePath(file: DataFileEntity): string {
    return this.store.resolve(file.relativePath);
  }

  /** Arcsecond's wording: clients match "already exists in dataset" to count the file as skipped. */
  private duplicate(fileName: string, dataset: string): BadRequestException {
    return new BadRequestException({ detail: `A file named ${fileName} already exists in dataset ${dataset}.` });
  }
}
