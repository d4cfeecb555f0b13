import { Column, Entity } from 'typeorm';
import { NamedMycodoRow } from './mycodo-row';
import type { FunctionAction, FunctionCondition } from '../functions/function-rules';

/** A conditional function: every period, when all its conditions hold, its actions run in order. */
@Entity('daemon_functions')
export class FunctionEntity extends NamedMycodoRow {
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
}
