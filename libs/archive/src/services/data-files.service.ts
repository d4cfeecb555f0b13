import { basename } from 'node:path';
import { type BadRequestException, Injectable, PayloadTooLargeException } from '@nestjs/common';
import type { Principal } from '@app/auth';
import type { Request } from 'express';
import { AppConfig, FileExistsError, FileStore, type StoredFile } from '@app/core';
import { splitTags, type DataFileQueryDto, type UpdateDataFileDto } from '../dtos/data.dto';
import type { DataFileEntity, DatasetEntity, FrameEntity } from '../entities/data.entities';
import { DecompressionLimitError, inspectFile } from '../files/content-inspector';
import type { FitsValue } from '@app/core';
import { alreadyExists, fieldError } from '../http/arcsecond-errors';
import { receiveMultipart } from '../http/multipart';
import type { Page } from '../repositories/archive-repository';
import { DataFileRepository } from '../repositories/data.repositories';
import { ArchiveVisibility } from './archive-visibility';
import { DatasetsService } from './datasets.service';
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
    throw fieldError('file', `"${raw}" is not an acceptable file name (hidden, empty or too long).`);
  }
  return name;
}

/** Data files: multipart upload into the file store, content inspection, ingest. */
@Injectable()
export class DataFilesService {
  constructor(
    private readonly files: DataFileRepository,
    private readonly store: FileStore,
    private readonly datasets: DatasetsService,
    private readonly ingest: IngestService,
    private readonly config: AppConfig,
    private readonly visibility: ArchiveVisibility,
  ) {}

  async list(p: Principal, q: DataFileQueryDto): Promise<Page<DataFileEntity>> {
    return this.files.list(q.dataset ? { dataset: q.dataset } : {}, q, await this.visibility.readable(p, 'in-dataset'));
  }

  async get(p: Principal, id: number): Promise<DataFileEntity> {
    return this.files.get(id, await this.visibility.readable(p, 'in-dataset'));
  }

  /** The observation or calibration made from each file. */
  framesOf(fileIds: number[]): Promise<Map<number, FrameEntity>> {
    return this.datasets.framesOf(fileIds);
  }

  /**
   * Streams the `file` part to the store, then checks the dataset and the name, keeps the file,
   * reads its header (through any zip/gzip/bzip2 wrapper) and ingests it. A header that cannot
   * be read does not refuse the file; a decompression bomb does.
   */
  async upload(p: Principal, req: Request): Promise<DataFileEntity> {
    const { fields, file } = await receiveMultipart(req, this.store, 'file', this.config.uploadMaxBytes);
    if (!file) throw fieldError('file', 'No file was submitted (multipart part "file").');
    const { staged } = file;
    try {
      const datasetId = fields.dataset?.trim() ?? '';
      if (!UUID_V4.test(datasetId)) throw fieldError('dataset', 'dataset must be the UUID of an existing dataset.');
      const dataset = await this.datasets.findDataset(p, datasetId);
      if (!dataset) throw fieldError('dataset', `dataset ${datasetId} does not exist.`);
      const fileName = cleanFileName(file.fileName);
      if (await this.files.existsIn(dataset.uuid, fileName)) throw this.duplicate(fileName, dataset.uuid);
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
   * Files a stored file in a dataset (in the dataset's owner's space): reads its header (through any zip/gzip/bzip2 wrapper),
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
        ...this.visibility.ownershipOf(dataset),
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

  async update(p: Principal, id: number, dto: UpdateDataFileDto): Promise<DataFileEntity> {
    return this.files.patch(id, { tags: dto.tags, isRaw: dto.is_raw }, await this.visibility.writable(this.files, id, p, 'in-dataset'));
  }

  async remove(p: Principal, id: number): Promise<void> {
    const file = await this.files.remove(id, await this.visibility.writable(this.files, id, p, 'in-dataset'));
    await this.store.removeAll([file.relativePath]);
  }

  /** Deletes a dataset the caller sees with its files: the rows go with it (ON DELETE CASCADE), then the files. */
  async removeDataset(p: Principal, uuid: string): Promise<void> {
    await this.datasets.assertWritableDataset(p, uuid);
    const paths = await this.files.pathsInDataset(uuid);
    await this.datasets.deleteDataset(p, uuid);
    await this.store.removeAll(paths);
  }

  absolutePath(file: DataFileEntity): string {
    return this.store.resolve(file.relativePath);
  }

  private duplicate(fileName: string, dataset: string): BadRequestException {
    return alreadyExists(`A file named ${fileName}`, dataset);
  }
}
