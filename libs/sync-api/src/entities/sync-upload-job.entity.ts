import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** File sizes fit a JS number; PostgreSQL returns bigint as a string. */
const BIGINT_NUMBER = { to: (v: number) => v, from: (v: string) => Number(v) };

export type UploadJobState = 'queued' | 'running' | 'failed' | 'done';

/** One file the uploader must send to the remote; the queue lives in this table so it survives restarts. */
@Entity('sync_upload_jobs')
@Index('IDX_sync_upload_jobs_due', ['state', 'nextAttemptAt'])
export class SyncUploadJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 'camera' or an asset type. */
  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'camera_uuid', type: 'uuid' })
  cameraUuid: string;

  /** Name the camera is registered with on the remote (it appends its own id). */
  @Column({ name: 'camera_name', type: 'text' })
  cameraName: string;

  /** Absolute local path of the file to send; null for a camera registration. */
  @Column({ name: 'file_path', type: 'text', nullable: true })
  filePath: string | null;

  /** The metadata JSON sent with the file (file_size is filled in when it is sent). */
  @Column({ type: 'jsonb', default: '{}' })
  metadata: Record<string, unknown>;

  @Column({ type: 'text', default: 'queued' })
  state: UploadJobState;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'remote_id', type: 'integer', nullable: true })
  remoteId: number | null;

  @Column({ name: 'bytes_total', type: 'bigint', default: 0, transformer: BIGINT_NUMBER })
  bytesTotal: number;

  /** Bytes of the file sent in the current (or, once failed, the last) attempt; written at most once a second. */
  @Column({ name: 'bytes_sent', type: 'bigint', default: 0, transformer: BIGINT_NUMBER })
  bytesSent: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
