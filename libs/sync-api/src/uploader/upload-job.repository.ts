import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { SyncUploadJobEntity, type UploadJobState } from '../entities/sync-upload-job.entity';

export type NewUploadJob = Pick<SyncUploadJobEntity, 'type' | 'cameraUuid' | 'cameraName' | 'filePath' | 'metadata' | 'bytesTotal' | 'nextAttemptAt'>;

/** The uploader's queue, kept in the database so it survives restarts. */
@Injectable()
export class UploadJobRepository {
  constructor(
    @InjectRepository(SyncUploadJobEntity) private readonly jobs: Repository<SyncUploadJobEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async enqueue(jobs: NewUploadJob[]): Promise<SyncUploadJobEntity[]> {
    return this.jobs.save(jobs.map((j) => this.jobs.create({ ...j, state: 'queued', attempts: 0 })));
  }

  /**
   * Takes the oldest due job and marks it running (a new attempt: bytes_sent 0), atomically: workers (and, on PostgreSQL,
   * several processes) never take the same job. SKIP LOCKED lets them pass each other.
   */
  async claimDue(now: Date): Promise<SyncUploadJobEntity | undefined> {
    const result: unknown[] = await this.dataSource.query(
      `UPDATE "sync_upload_jobs" SET "state" = 'running', "attempts" = "attempts" + 1, "bytes_sent" = 0, "updated_at" = now()
       WHERE "id" = (SELECT "id" FROM "sync_upload_jobs" WHERE "state" = 'queued' AND "next_attempt_at" <= $1
                     ORDER BY "created_at", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING "id"`,
      [now],
    );
    // TypeORM answers [rows, affected] for an UPDATE ... RETURNING on PostgreSQL.
    const rows = (Array.isArray(result[0]) ? result[0] : result) as { id: string }[];
    const id = rows[0]?.id;
    return id ? ((await this.jobs.findOneBy({ id })) ?? undefined) : undefined;
  }

  async finish(id: string, remoteId: number | null, bytesSent: number): Promise<void> {
    await this.jobs.update({ id }, { state: 'done', remoteId, lastError: null, bytesSent });
  }

  /** Progress of a running job; a job that is no longer running keeps what its end wrote. */
  async recordProgress(id: string, bytesSent: number): Promise<void> {
    await this.jobs.update({ id, state: 'running' }, { bytesSent });
  }

  /** bytes_sent keeps how far the failed attempt got; the next claim sets it back to 0. */
  async retryLater(id: string, error: string, at: Date): Promise<void> {
    await this.jobs.update({ id }, { state: 'queued', lastError: error, nextAttemptAt: at });
  }

  async fail(id: string, error: string): Promise<void> {
    await this.jobs.update({ id }, { state: 'failed', lastError: error });
  }

  /** After a crash or restart nothing is really running: those jobs go back to the queue. */
  async requeueRunning(): Promise<number> {
    const result = await this.jobs.update({ state: 'running' }, { state: 'queued' });
    return result.affected ?? 0;
  }

  async counts(): Promise<Record<UploadJobState, number>> {
    const rows: { state: UploadJobState; n: string }[] = await this.dataSource.query(`SELECT "state", count(*) AS n FROM "sync_upload_jobs" GROUP BY "state"`);
    const counts = { queued: 0, running: 0, failed: 0, done: 0 };
    for (const row of rows) counts[row.state] = Number(row.n);
    return counts;
  }

  list(ids: string[] | undefined, limit: number): Promise<SyncUploadJobEntity[]> {
    return this.jobs.find({ where: ids ? { id: In(ids) } : {}, order: { createdAt: 'DESC' }, take: limit });
  }
}
