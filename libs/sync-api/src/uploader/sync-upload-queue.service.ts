import { stat } from 'node:fs/promises';
import { BadRequestException, Injectable } from '@nestjs/common';
import { AppConfig, Clock } from '@app/core';
import type { SyncUploadJobEntity } from '../entities/sync-upload-job.entity';
import { UploadJobRepository } from './upload-job.repository';
import { buildUploadMetadata } from './upload-metadata';
import type { QueueSyncUploadsDto, SyncUploaderStatusDto, SyncUploadJobDto } from './sync-uploader.dto';
import { SyncUploaderService } from './sync-uploader.service';
import { UploadRoots } from './upload-roots';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Puts files in the upload queue and reports on it. */
@Injectable()
export class SyncUploadQueueService {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: UploadJobRepository,
    private readonly uploader: SyncUploaderService,
    private readonly roots: UploadRoots,
  ) {}

  async queue(dto: QueueSyncUploadsDto): Promise<string[]> {
    const files = await Promise.all(
      dto.files.map(async (requested) => {
        const path = await this.roots.resolveFile(requested);
        return { path, info: await stat(path).catch(() => undefined) };
      }),
    );
    const bad = files.filter((f) => !f.info?.isFile()).map((f) => f.path);
    if (bad.length) throw new BadRequestException(`not a readable file on this server: ${bad.slice(0, 5).join(', ')}`);
    const utcOffset = dto.utcOffset ?? -new Date(this.clock.nowMs()).getTimezoneOffset() * 60;
    const now = this.clock.now();
    const created = await this.jobs.enqueue(
      files.map(({ path, info }) => ({
        type: dto.type,
        cameraUuid: dto.cameraUuid.toLowerCase(),
        cameraName: dto.cameraName ?? `skygate ${dto.cameraUuid.slice(0, 8)}`,
        filePath: path,
        bytesTotal: info!.size,
        nextAttemptAt: now,
        metadata: buildUploadMetadata(dto.type, {
          cameraUuid: dto.cameraUuid.toLowerCase(),
          createDate: Math.floor(info!.mtimeMs / 1000),
          utcOffset,
          night: dto.night ?? true,
          extra: dto.metadata,
        }),
      })),
    );
    this.uploader.notify();
    return created.map((job) => job.id);
  }

  async status(idsText: string | undefined): Promise<SyncUploaderStatusDto> {
    const ids = idsText?.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids?.some((id) => !UUID.test(id))) throw new BadRequestException('ids must be comma-separated job ids (UUIDs)');
    const [counts, jobs] = await Promise.all([this.jobs.counts(), this.jobs.list(ids, ids ? ids.length : 100)]);
    return {
      remote: this.uploader.target?.baseUrl ?? null,
      workers: this.config.sync.workers,
      counts,
      jobs: jobs.map((job) => this.toDto(job)),
    };
  }

  private toDto(job: SyncUploadJobEntity): SyncUploadJobDto {
    const live = this.uploader.bytesSent(job.id);
    return {
      id: job.id,
      type: job.type,
      file: job.filePath,
      state: job.state,
      attempts: job.attempts,
      // Live when this process runs the job; else the row (another process, or the last attempt of a failed job).
      bytesSent: job.state === 'done' ? job.bytesTotal : (live ?? job.bytesSent),
      bytesTotal: job.bytesTotal,
      lastError: job.lastError,
      nextAttemptAt: job.nextAttemptAt.toISOString(),
      remoteId: job.remoteId,
    };
  }
}
