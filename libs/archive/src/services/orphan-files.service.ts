import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { FileStore } from '@app/core';
import { DataFileRepository } from '../repositories/data.repositories';
import { AllskyImageRepository } from '../repositories/site.repositories';

/**
 * A stored archive file is renamed into place before its row is inserted; a process killed
 * between the two leaves a file no entry names (its upload was never acknowledged, so the
 * client sends it again). After start-up, files written before this process started that no
 * row records are removed. Files of this process are never touched: their rows may be on the way.
 */
@Injectable()
export class OrphanFilesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ArchiveOrphanFiles');
  private readonly startedAt = new Date();

  constructor(
    private readonly store: FileStore,
    private readonly files: DataFileRepository,
    private readonly images: AllskyImageRepository,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: a large archive must not delay the first answer.
    void this.sweep().catch((err: unknown) => this.logger.warn(`orphan file sweep failed: ${String(err)}`));
  }

  /** Removes the unrecorded files; returns how many. */
  async sweep(): Promise<number> {
    let removed = 0;
    for (const [folder, table] of [['archive', this.files], ['allsky', this.images]] as const) {
      const paths = await this.store.filesUnder(folder, this.startedAt);
      const recorded = await table.recorded(paths);
      const orphans = paths.filter((path) => !recorded.has(path));
      for (const path of orphans) this.logger.warn(`removing ${path}: stored by an earlier run that stopped before recording it`);
      await this.store.removeAll(orphans);
      removed += orphans.length;
    }
    return removed;
  }
}
