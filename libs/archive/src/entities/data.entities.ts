import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Compression, HeaderStatus } from '../files/content-inspector';
import type { CalibrationType } from '../ingest/frame-metadata';
import { Owned } from './owned';

const bigintNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('archive_night_logs')
export class NightLogEntity extends Owned {
  @PrimaryGeneratedColumn('uuid')
  uuid: string;

  /** The local date of the night's evening, `YYYY-MM-DD`. */
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'uuid', nullable: true })
  telescope: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('archive_datasets')
export class DatasetEntity extends Owned {
  @PrimaryGeneratedColumn('uuid')
  uuid: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  telescope: string | null;

  @Column({ type: 'jsonb', default: '[]' })
  tags: string[];

  /** Every archive reader sees a public dataset (and its files and frames); only its owner's side changes it. */
  @Column({ name: 'is_public', type: 'boolean', default: false })
  isPublic: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('archive_data_packages')
export class DataPackageEntity {
  @PrimaryGeneratedColumn('uuid')
  uuid: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** UUIDs of the datasets bundled together. */
  @Column({ type: 'jsonb', default: '[]' })
  datasets: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('archive_data_files')
export class DataFileEntity extends Owned {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ type: 'uuid' })
  dataset: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ name: 'relative_path', type: 'text' })
  relativePath: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  size: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'is_raw', type: 'boolean', default: false })
  isRaw: boolean;

  @Column({ type: 'jsonb', default: '[]' })
  tags: string[];

  @Column({ type: 'text' })
  format: 'fits' | 'xisf' | 'other';

  @Column({ type: 'text' })
  compression: Compression;

  @Column({ name: 'header_status', type: 'text' })
  headerStatus: HeaderStatus;

  @Column({ name: 'header_error', type: 'text', nullable: true })
  headerError: string | null;

  /** Keyword → value (bigints and complex values as text/objects). */
  @Column({ type: 'jsonb', default: '{}' })
  header: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Observations and calibrations share one table; `kind` tells them apart. */
@Entity('archive_frames')
export class FrameEntity extends Owned {
  @PrimaryGeneratedColumn('uuid')
  uuid: string;

  @Column({ type: 'text' })
  kind: 'observation' | 'calibration';

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'calibration_type', type: 'text', nullable: true })
  calibrationType: CalibrationType | null;

  @Column({ name: 'frame_type', type: 'text', nullable: true })
  frameType: string | null;

  @Column({ name: 'target_name', type: 'text', default: '' })
  targetName: string;

  @Column({ name: 'exposure_time', type: 'double precision', nullable: true })
  exposureTime: number | null;

  @Column({ type: 'text', nullable: true })
  filter: string | null;

  @Column({ type: 'text', nullable: true })
  instrument: string | null;

  @Column({ name: 'telescope_name', type: 'text', nullable: true })
  telescopeName: string | null;

  @Column({ name: 'date_obs', type: 'timestamptz', nullable: true })
  dateObs: Date | null;

  @Column({ name: 'date_source', type: 'text', nullable: true })
  dateSource: string | null;

  @Column({ name: 'night_log', type: 'uuid', nullable: true })
  nightLog: string | null;

  @Column({ type: 'uuid', nullable: true })
  dataset: string | null;

  @Column({ name: 'data_file', type: 'integer', nullable: true })
  dataFile: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
