import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A camera that syncs to this server, keyed by the client's uuid. The id is an integer, unlike
 * Skygate's other tables, because indi-allsky clients keep it in an integer column (camera.sync_id).
 */
@Entity('sync_cameras')
export class SyncCameraEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column({ type: 'uuid', unique: true })
  uuid: string;

  /** "<name or friendlyName> <id>", unique when many sites sync to one server (as indi-allsky). */
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'utc_offset', type: 'integer', default: 0 })
  utcOffset: number;

  @Column({ name: 'connect_date', type: 'timestamptz' })
  connectDate: Date;

  /** Every other key the client sent (latitude, lens, tz, ...), as indi-allsky copies them onto its row. */
  @Column({ type: 'jsonb', default: '{}' })
  attributes: Record<string, unknown>;

  @Column({ type: 'jsonb', default: '{}' })
  data: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
