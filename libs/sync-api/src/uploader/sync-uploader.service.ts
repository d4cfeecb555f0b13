import { stat } from 'node:fs/promises';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, Clock } from '@app/core';
import type { SyncUploadJobEntity } from '../entities/sync-upload-job.entity';
import { UploadJobRepository } from './upload-job.repository';
import { INDI_ALLSKY_TYPE_CODE } from './upload-metadata';
import { SyncRemoteClient, type RemoteTarget } from './sync-remote-client';
import { UploadRoots } from './upload-roots';

const IDLE_POLL_MS = 250;
const FIRST_RETRY_MS = 1000;
const PROGRESS_WRITE_MS = 1000;

/** Bytes sent by one running job: live in memory, written to its row at most once a second, in order. */
class JobProgress {
  bytes = 0;
  private written = 0;
  private writtenAt = -Infinity;
  private trailing: NodeJS.Timeout | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobId: string,
    private readonly jobs: UploadJobRepository,
    private readonly clock: Clock,
  ) {}

  update(bytes: number): void {
    this.bytes = bytes;
    const wait = this.writtenAt + PROGRESS_WRITE_MS - this.clock.nowMs();
    if (wait <= 0) return this.write();
    // A stalled upload sends no more updates: the last value still reaches the row.
    this.trailing ??= setTimeout(() => this.write(), wait).unref();
  }

  /** Writes what is not on the row yet and waits for writes in flight, so none lands after the job's final state. */
  settled(): Promise<void> {
    if (this.bytes !== this.written) this.write();
    return this.writes;
  }

  private write(): void {
    clearTimeout(this.trailing);
    this.trailing = undefined;
    this.writtenAt = this.clock.nowMs();
    const bytes = (this.written = this.bytes);
    // Progress is a report, not state: a failed write must not fail the upload.
    this.writes = this.writes.then(() => this.jobs.recordProgress(this.jobId, bytes)).catch(() => undefined);
  }
}

/** A failure that retrying will not fix (the local file is gone, the remote refused the content). */
class PermanentUploadError extends Error {}

/**
 * The local side: 1-4 workers take due jobs from the database queue and PUT them to the remote,
 * registering each camera first (once per process, as indi-allsky does at capture start).
 * Failures are retried with exponential back-off capped at SYNC_RETRY_MAX_SECONDS, up to
 * SYNC_MAX_ATTEMPTS; a restart puts interrupted jobs back in the queue.
 */
@Injectable()
export class SyncUploaderService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncUploaderService.name);
  private readonly progress = new Map<string, JobProgress>();
  private readonly registeredCameras = new Map<string, number>();
  private workers: Promise<void>[] = [];
  private stopping = false;
  /** Aborted at shutdown: an upload in flight must not hold the process (a stalled remote, a 1 GiB file). */
  private readonly shutdown = new AbortController();
  private wake: (() => void)[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: UploadJobRepository,
    private readonly remote: SyncRemoteClient,
    private readonly roots: UploadRoots,
  ) {}

  get target(): RemoteTarget | undefined {
    const { remoteUrl, remoteUsername, remoteApiKey } = this.config.sync;
    return remoteUrl && remoteUsername && remoteApiKey ? { baseUrl: remoteUrl, username: remoteUsername, apiKey: remoteApiKey } : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    const requeued = await this.jobs.requeueRunning();
    if (requeued) this.logger.warn(`${requeued} interrupted upload(s) queued again`);
    if (!this.target) return;
    this.workers = Array.from({ length: this.config.sync.workers }, (_, i) => this.work(i));
    this.logger.log(`${this.config.sync.workers} sync upload worker(s) sending to ${this.config.sync.remoteUrl}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.shutdown.abort();
    this.notify();
    await Promise.all(this.workers);
  }

  /** Wakes idle workers at once (new jobs). */
  notify(): void {
    for (const wake of this.wake.splice(0)) wake();
  }

  /** Bytes sent so far by a job running in this process. */
  bytesSent(jobId: string): number | undefined {
    return this.progress.get(jobId)?.bytes;
  }

  private async work(worker: number): Promise<void> {
    while (!this.stopping) {
      let job: SyncUploadJobEntity | undefined;
      try {
        job = await this.jobs.claimDue(this.clock.now());
      } catch (err) {
        if (!this.stopping) this.logger.error(`worker ${worker}: cannot read the queue: ${(err as Error).message}`);
      }
      if (!job) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, IDLE_POLL_MS);
          this.wake.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
        continue;
      }
      await this.run(job);
    }
  }

  private async run(job: SyncUploadJobEntity): Promise<void> {
    const target = this.target!;
    const progress = new JobProgress(job.id, this.jobs, this.clock);
    this.progress.set(job.id, progress);
    try {
      const remoteId = await this.send(target, job, progress);
      await progress.settled();
      await this.jobs.finish(job.id, remoteId, job.bytesTotal);
    } catch (err) {
      await progress.settled();
      // Interrupted by shutdown: the row stays 'running' with its progress; the next start queues it again.
      if (this.stopping) return;
      const message = (err as Error).message;
      if (err instanceof PermanentUploadError || job.attempts >= this.config.sync.maxAttempts) {
        this.logger.error(`upload ${job.id} (${job.filePath}) failed for good after ${job.attempts} attempt(s): ${message}`);
        await this.jobs.fail(job.id, message);
      } else {
        const delay = Math.min(this.config.sync.retryMaxSeconds * 1000, FIRST_RETRY_MS * 2 ** (job.attempts - 1));
        this.logger.warn(`upload ${job.id} attempt ${job.attempts} failed (${message}); retrying in ${delay} ms`);
        await this.jobs.retryLater(job.id, message, new Date(this.clock.nowMs() + delay));
      }
    } finally {
      this.progress.delete(job.id);
    }
  }

  /** Registers the camera if this process has not yet, then sends the file; returns the remote id. */
  private async send(target: RemoteTarget, job: SyncUploadJobEntity, progress: JobProgress): Promise<number | null> {
    // Checked again: a folder on the way may have become a symlink since the job was queued.
    if (job.filePath) await this.roots.resolveFile(job.filePath).catch((err: Error) => Promise.reject(new PermanentUploadError(err.message)));
    const size = job.filePath ? await stat(job.filePath).then((s) => s.size, () => undefined) : 0;
    if (size === undefined) throw new PermanentUploadError(`local file ${job.filePath} is gone`);
    if (!this.registeredCameras.has(job.cameraUuid)) await this.registerCamera(target, job);
    const metadata = { ...job.metadata, file_size: size };
    const sendFile = () => this.remote.put(target, job.type, metadata, job.filePath ? { path: job.filePath, size } : undefined, { onProgress: (n) => progress.update(n), signal: this.shutdown.signal });
    let reply = await sendFile();
    if (reply.status === 400 && reply.body.error === 'camera not found') {
      // The remote lost or never had the camera (indi-allsky#1038): register it and try once more.
      await this.registerCamera(target, job);
      reply = await sendFile();
    }
    // A real indi-allsky answers file_exists to a PUT of an existing image: it is there, so done.
    if (reply.status === 400 && reply.body.error === 'file_exists') return null;
    if (reply.status !== 200) throw new Error(`remote answered ${reply.status}: ${reply.body.error ?? ''}`);
    return typeof reply.body.id === 'number' ? reply.body.id : null;
  }

  private async registerCamera(target: RemoteTarget, job: SyncUploadJobEntity): Promise<void> {
    const metadata = { type: INDI_ALLSKY_TYPE_CODE.camera, uuid: job.cameraUuid, name: job.cameraName, utc_offset: job.metadata.utc_offset ?? 0, hidden: false };
    const reply = await this.remote.put(target, 'camera', metadata, undefined, { signal: this.shutdown.signal });
    if (reply.status !== 200 || typeof reply.body.id !== 'number') throw new Error(`camera registration answered ${reply.status}: ${reply.body.error ?? ''}`);
    this.registeredCameras.set(job.cameraUuid, reply.body.id);
  }
}
