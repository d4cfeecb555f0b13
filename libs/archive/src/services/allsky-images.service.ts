import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig, FileStore } from '@app/core';
import type { AllskyImageEntity } from '../entities/site.entities';
import { alreadyExists, fieldError } from '../http/arcsecond-errors';
import type { PageRequest } from '../http/list-shape';
import { receiveMultipart } from '../http/multipart';
import type { Page } from '../repositories/archive-repository';
import { AllskyImageRepository } from '../repositories/site.repositories';
import { cleanFileName } from './data-files.service';
import { SitesService } from './sites.service';

const POSIX_SECONDS = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * `utc_timestamp` as Arcsecond's uploader sends it: POSIX seconds (its documented examples pass
 * `datetime.timestamp()`, a float, which reaches the form as e.g. "1764450000.123456") or an
 * ISO 8601 date-time. Anything else, or a time JavaScript cannot hold, is undefined.
 */
export function parseUtcTimestamp(raw: string | undefined): Date | undefined {
  const text = raw?.trim() ?? '';
  if (!text) return undefined;
  const when = POSIX_SECONDS.test(text) ? new Date(Number(text) * 1000) : /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(text) : undefined;
  return when && !Number.isNaN(when.getTime()) ? when : undefined;
}

/** `allskycameras/<uuid>/images/`: multipart `file` + `camera` + `utc_timestamp` (required). */
@Injectable()
export class AllskyImagesService {
  constructor(
    private readonly images: AllskyImageRepository,
    private readonly sites: SitesService,
    private readonly store: FileStore,
    private readonly config: AppConfig,
  ) {}

  async list(camera: string, request: PageRequest): Promise<Page<AllskyImageEntity>> {
    await this.sites.getCamera(camera);
    return this.images.list({ camera }, request);
  }

  /** Deletes a camera with its images: the rows go with it (ON DELETE CASCADE), then the files. */
  async removeCamera(camera: string): Promise<void> {
    const paths = await this.images.pathsOfCamera(camera);
    await this.sites.deleteCamera(camera);
    await this.store.removeAll(paths);
  }

  /**
   * Stores one image. The same file name at the same instant for the same camera is stored once:
   * a second upload gets the duplicate answer data files get (the unique index settles races).
   */
  async upload(camera: string, req: Request): Promise<AllskyImageEntity> {
    await this.sites.getCamera(camera);
    const { fields, file } = await receiveMultipart(req, this.store, 'file', this.config.uploadMaxBytes);
    if (!file) throw fieldError('file', 'No file was submitted (multipart part "file").');
    try {
      if (fields.camera && fields.camera !== camera) throw fieldError('camera', 'camera does not match the camera in the URL.');
      const when = parseUtcTimestamp(fields.utc_timestamp);
      if (!when) throw fieldError('utc_timestamp', 'utc_timestamp is required: POSIX seconds (e.g. 1764450000.5) or ISO 8601.');
      const fileName = cleanFileName(file.fileName);
      const duplicate = () => alreadyExists(`The image ${fileName} taken at ${when.toISOString()}`, `of all-sky camera ${camera}`);
      if (await this.images.existsAt(camera, fileName, when)) throw duplicate();
      const uuid = randomUUID();
      const stored = await file.staged.commit(`allsky/${camera}/${uuid}-${fileName}`);
      return await this.images.create({ uuid, camera, utcTimestamp: when, fileName, relativePath: stored.relativePath, size: stored.size }).catch(async (err: unknown) => {
        await this.store.remove(stored.relativePath);
        throw (err as { code?: string }).code === '23505' ? duplicate() : err;
      });
    } finally {
      await file.staged.discard();
    }
  }
}
