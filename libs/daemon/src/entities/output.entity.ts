import { Column, Entity } from 'typeorm';
import { MycodoRow, NamedMycodoRow } from './mycodo-row';

/** Options of one output channel as Mycodo keeps them in `custom_options` (pin, states, commands...). */
export type ChannelOptions = Record<string, unknown>;

/** An output device (Mycodo's Output row); property names are Mycodo's columns, which the API returns as is. */
@Entity('daemon_outputs')
export class OutputEntity extends NamedMycodoRow {
  /** Which back-end drives it: gpio, pwm, command, equipment_switch, mqtt. */
  @Column({ type: 'text' })
  output_type: string;

  @Column({ type: 'text', default: '' })
  interface: string;

  @Column({ type: 'text', default: '' })
  location: string;

  @Column({ type: 'boolean', default: false })
  log_level_debug: boolean;

  @Column({ type: 'jsonb', default: {} })
  custom_options: Record<string, unknown>;
}

@Entity('daemon_output_channels')
export class OutputChannelEntity extends MycodoRow {
  @Column({ type: 'uuid' })
  output_id: string;

  @Column({ type: 'integer' })
  channel: number;

  @Column({ type: 'text', default: '' })
  name: string;

  @Column({ type: 'jsonb', default: {} })
  custom_options: ChannelOptions;
}
