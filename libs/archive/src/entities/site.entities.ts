import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('archive_observing_sites')
export class ObservingSiteEntity {
  @PrimaryGeneratedColumn('uuid')
  uuid: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'short_name', type: 'text', default: '' })
  shortName: string;

  /** Degrees east of Greenwich (negative west). */
  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  /** Metres above sea level. */
  @Column({ type: 'double precision', nullable: true })
  height: number | null;

  /** IANA time zone; when unset, nights use mean solar time from the longitude. */
  @Column({ name: 'time_zone', type: 'text', nullable: true })
  timeZone: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('archive_telescopes')
export class TelescopeEntity {
  @PrimaryGeneratedColumn('uuid')
  uuid: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  acronym: string;

  @Column({ name: 'observing_site', type: 'uuid', nullable: true })
  observingSite: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('archive_allsky_cameras')
export class AllskyCameraEntity {
  @PrimaryGeneratedColumn('uuid')
  uuid: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'observing_site', type: 'uuid', nullable: true })
  observingSite: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('archive_allsky_images')
export class AllskyImageEntity {
  @PrimaryGeneratedColumn('uuid')
  uuid: string;

  @Column({ type: 'uuid' })
  camera: string;

  @Column({ name: 'utc_timestamp', type: 'timestamptz' })
  utcTimestamp: Date;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ name: 'relative_path', type: 'text' })
  relativePath: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
