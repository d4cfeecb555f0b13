import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Owned } from './owned';

/** Arcsecond's target classes (the client library's `TARGET_CLASSES`). */
export const TARGET_CLASSES = ['AstronomicalObject', 'Exoplanet', 'StandardStar', 'SolarSystemPlanet', 'SmallBody', 'Microlensing', 'Transient'] as const;
export type TargetClass = (typeof TARGET_CLASSES)[number];

/** A target: integer id, as Arcsecond's; coordinates are ICRS degrees. */
@Entity('archive_targets')
export class TargetEntity extends Owned {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ type: 'text', default: '' })
  name: string;

  @Column({ type: 'text', default: '' })
  identifier: string;

  @Column({ name: 'target_class', type: 'text', nullable: true })
  targetClass: TargetClass | null;

  @Column({ type: 'text', default: '' })
  mode: string;

  @Column({ type: 'text', default: '' })
  color: string;

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ type: 'jsonb', default: '[]' })
  tags: string[];

  @Column({ name: 'right_ascension', type: 'double precision', nullable: true })
  rightAscension: number | null;

  @Column({ type: 'double precision', nullable: true })
  declination: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('archive_target_lists')
export class TargetListEntity extends Owned {
  @PrimaryGeneratedColumn('uuid')
  uuid: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A target's place in a list. */
@Entity('archive_target_list_items')
export class TargetListItemEntity {
  @PrimaryColumn({ name: 'target_list', type: 'uuid' })
  targetList: string;

  @PrimaryColumn({ type: 'integer' })
  target: number;

  @Column({ type: 'integer' })
  position: number;
}
