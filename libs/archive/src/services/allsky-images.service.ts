import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig, FileStore } from '@app/core';
import type { AllskyImageEntity } from '../entities/site.entities';
import { receiveMultipart } from '../http/multipart';
import type { Page } from '../repositories/archive-repository';
import { AllskyImageRepository } from '../repositories/site.repositories';
import { cleanFileName } from './data-files.service';
import { SitesService } from './sites.service';

/** `allskycameras/<uuid>/images/`: multipart `file` + `camera` + `utc_timestamp` (required). */
@Injectable()
export class AllskyImagesService {
  constructor(
    private readonly images: AllskyImageRepository,
    private readonly sites: SitesService,
    private readonly store: FileStore,
    private readonly config: AppConfig,
  ) {}

  async list(camera: string, page?: number): Promise<Page<AllskyImageEntity>> {
    await this.sites.getCamera(camera);
    return this.images.list({ camera }, page);
  }

  /** Deletes a camera with its images: the rows go with it (ON DELETE CASCADE), then the files. */
  async removeCamera(camera: string): Promise<void> {
    const paths = await this.images.pathsOfCamera(camera);
    await this.sites.deleteCamera(camera);
    await this.store.removeAll(paths);
  }

  async upload(camera: string, req: Request): Promise<AllskyImageEntity> {
    await this.sites.getCamera(camera);
    const { fields, file } = await receiveMultipart(req, this.store, 'file', this.config.uploadMaxBytes);
    if (!file) throw new BadRequestException({ detail: 'No file was submitted (multipart part "file").' });
    try {
      if (fields.camera && fields.camera !== camera) throw new BadRequestException({ detail: 'camera does not match the camera in the URL.' });
      const when = new Date(fields.utc_timestamp ?? '');
      if (!fields.utc_timestamp || Number.isNaN(when.getTime())) throw new BadRequestException({ detail: 'utc_timestamp is required (ISO 8601).' });
      const fileName = cleanFileName(file.fileName);
      const uuid = randomUUID();
      const stored = await file.staged.commit(`allsky/${camera}/${uuid}-${fileName}`);
      return await this.images.create({ uuid, camera, utcTimestamp: when, fileName, relativePath: stored.relativePath, size: stored.size });
    } finally {
      await file.staged.discard();
    }
  }
}
