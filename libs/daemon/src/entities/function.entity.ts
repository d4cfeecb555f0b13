import { Column, Entity, Generated, PrimaryGeneratedColumn } from 'typeorm';
import type { FunctionAction, FunctionCondition } from '../functions/function-rules';

/** A conditional function: every period, when all its conditions hold, its actions run in order. */
@Entity('daemon_functions')
export class FunctionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'uuid', unique: true })
  @Generated('uuid')
  unique_id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'conditional' })
  device: string;

  @Column({ type: 'boolean', default: false })
  is_activated: boolean;

  @Column({ type: 'double precision', default: 30 })
  period: number;

  @Column({ type: 'boolean', default: false })
  log_level_debug: boolean;

  @Column({ type: 'jsonb', default: [] })
  conditions: FunctionCondition[];

  @Column({ type: 'jsonb', default: [] })
  actions: FunctionAction[];

  @Column({ type: 'jsonb', default: {} })
  custom_options: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;
}
