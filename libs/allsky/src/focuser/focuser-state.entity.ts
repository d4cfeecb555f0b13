import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { FocuserSettings } from './focuser-settings';

/** The focuser's settings and tracked position (one row, id "default"); the Allsky Server keeps no position. */
@Entity('focuser_state')
export class FocuserStateEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('jsonb', { default: {} })
  settings: FocuserSettings;

  @Column('integer', { default: 0 })
  position: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
