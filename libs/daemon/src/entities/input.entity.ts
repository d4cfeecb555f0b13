import { Column, Entity } from 'typeorm';
import { MycodoRow, NamedMycodoRow } from './mycodo-row';

/** An input (sensor) with Mycodo's column names. */
@Entity('daemon_inputs')
export class InputEntity extends NamedMycodoRow {
  /** The back-end: simulated, command, equipment_weather, equipment_safety, ds18b20, bme280, mqtt. */
  @Column({ type: 'text' })
  device: string;

  @Column({ type: 'text', default: '' })
  interface: string;

  @Column({ type: 'boolean', default: false })
  is_activated: boolean;

  /** Seconds between measurements. */
  @Column({ type: 'double precision', default: 15 })
  period: number;

  @Column({ type: 'double precision', default: 0 })
  start_offset: number;

  @Column({ type: 'text', nullable: true })
  cmd_command: string | null;

  /** Measurements older than this many days are deleted; null keeps them. */
  @Column({ type: 'double precision', nullable: true })
  retention_days: number | null;

  @Column({ type: 'boolean', default: false })
  log_level_debug: boolean;

  @Column({ type: 'jsonb', default: {} })
  custom_options: Record<string, unknown>;
}

/** One measurement channel of an input, output, PID or function (Mycodo's DeviceMeasurements). */
@Entity('daemon_device_measurements')
export class DeviceMeasurementEntity extends MycodoRow {
  @Column({ type: 'uuid' })
  device_id: string;

  /** input, output, pid or function. */
  @Column({ type: 'text' })
  device_type: string;

  @Column({ type: 'integer' })
  channel: number;

  @Column({ type: 'text', default: '' })
  name: string;

  @Column({ type: 'text' })
  measurement: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'boolean', default: true })
  is_enabled: boolean;

  /** Back-end options of the channel (a simulated input's base value, a weather field...). */
  @Column({ type: 'jsonb', default: {} })
  custom_options: Record<string, unknown>;
}
