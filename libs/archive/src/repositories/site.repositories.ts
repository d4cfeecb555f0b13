import { Injectable } from '@nestjs/common';
import { AllskyCameraEntity, AllskyImageEntity, ObservingSiteEntity, TelescopeEntity } from '../entities/site.entities';
import { In } from 'typeorm';
import { recordedPaths } from './recorded-paths';
import { archiveRepositoryOf } from './archive-repository';

@Injectable()
export class ObservingSiteRepository extends archiveRepositoryOf(ObservingSiteEntity, 'uuid', { createdAt: 'ASC' }) {}

@Injectable()
export class TelescopeRepository extends archiveRepositoryOf(TelescopeEntity, 'uuid', { createdAt: 'ASC' }) {
  /** Telescope UUIDs per site, oldest first. */
  async uuidsBySite(siteIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(siteIds.map((id) => [id, []]));
    if (siteIds.length === 0) return map;
    const rows = await this.repo.find({ where: { observingSite: In(siteIds) }, order: { createdAt: 'ASC' } });
    for (const t of rows) map.get(t.observingSite!)?.push(t.uuid);
    return map;
  }

  findByName(name: string): Promise<TelescopeEntity[]> {
    return this.repo.findBy({ name });
  }
}

@Injectable()
export class AllskyCameraRepository extends archiveRepositoryOf(AllskyCameraEntity, 'uuid', { createdAt: 'ASC' }) {}

@Injectable()
export class AllskyImageRepository extends archiveRepositoryOf(AllskyImageEntity, 'uuid', { utcTimestamp: 'ASC' }) {
  existsAt(camera: string, fileName: string, utcTimestamp: Date): Promise<boolean> {
    return this.repo.existsBy({ camera, fileName, utcTimestamp });
  }

  /** Which of these stored paths have a row. */
  recorded(relativePaths: string[]): Promise<Set<string>> {
    return recordedPaths(this.repo, relativePaths);
  }

  /** The stored files of a camera's images, to remove once its rows are gone. */
  async pathsOfCamera(camera: string): Promise<string[]> {
    return (await this.repo.find({ where: { camera }, select: { uuid: true, relativePath: true } })).map((i) => i.relativePath);
  }
}
