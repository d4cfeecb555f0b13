import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SyncAssetType } from '../asset-types';

/** node-postgres reads a zone-less timestamp as a local Date; give back the stored text instead. */
function wallClockText(value: Date | string | null): string | null {
  if (value === null || typeof value === 'string') return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}T${pad(value.getHours())}:${pad(value.getMinutes())}:${pad(value.getSeconds())}`;
}

/** One received file (image, video, keogram, ...) and its metadata. */
@Entity('sync_assets')
@Index('UQ_sync_assets_duplicate', ['cameraId', 'type', 'duplicateKey'], { unique: true })
@Index('IDX_sync_assets_path', ['relativePath'])
export class SyncAssetEntity {
  /** Integer, because indi-allsky clients store it in an integer column (sync_id). */
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column({ name: 'camera_id', type: 'integer' })
  cameraId: number;

  @Column({ type: 'text' })
  type: SyncAssetType;

  /** What makes two uploads "the same entry" for this type (see DuplicateRule). */
  @Column({ name: 'duplicate_key', type: 'text' })
  duplicateKey: string;

  /** The camera site's wall-clock time of capture, without zone (what indi-allsky shows). */
  @Column({ name: 'local_date', type: 'timestamp', transformer: { to: (v: string) => v, from: wallClockText } })
  localDate: string;

  /** The true instant of capture. */
  @Column({ name: 'create_date', type: 'timestamptz' })
  createDate: Date;

  @Column({ name: 'day_date', type: 'text' })
  dayDate: string;

  @Column({ type: 'boolean' })
  night: boolean;

  /** Path inside the file store; the file exists only when `stored` (empty uploads keep metadata only). */
  @Column({ name: 'relative_path', type: 'text' })
  relativePath: string;

  @Column({ type: 'boolean' })
  stored: boolean;

  @Column({ name: 'file_size', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  fileSize: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ type: 'jsonb', default: '{}' })
  metadata: Record<string, unknown>;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
