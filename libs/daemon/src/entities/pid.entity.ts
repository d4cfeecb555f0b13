import { Column, Entity } from 'typeorm';
import { NamedMycodoRow } from './mycodo-row';

const num = (fallback: number) => ({ type: 'double precision' as const, default: fallback });

/** A PID controller with Mycodo's settings (models/pid.py defaults). */
@Entity('daemon_pids')
export class PidEntity extends NamedMycodoRow {
  @Column({ type: 'boolean', default: false })
  is_activated: boolean;

  @Column({ type: 'boolean', default: false })
  is_held: boolean;

  @Column({ type: 'boolean', default: false })
  is_paused: boolean;

  @Column(num(30))
  period: number;

  @Column(num(0))
  start_offset: number;

  @Column(num(120))
  max_measure_age: number;

  /** "<device_id>,<device_measurement unique_id>" as in Mycodo. */
  @Column({ type: 'text', default: '' })
  measurement: string;

  /** raise, lower or both. */
  @Column({ type: 'text', default: 'raise' })
  direction: string;

  @Column(num(30))
  setpoint: number;

  @Column(num(0))
  band: number;

  @Column(num(1))
  p: number;

  @Column(num(0))
  i: number;

  @Column(num(0))
  d: number;

  @Column(num(-100))
  integrator_min: number;

  @Column(num(100))
  integrator_max: number;

  /** "<output_id>,<output channel unique_id>". */
  @Column({ type: 'text', nullable: true })
  raise_output_id: string | null;

  @Column(num(0))
  raise_min_duration: number;

  @Column(num(0))
  raise_max_duration: number;

  @Column(num(0))
  raise_min_off_duration: number;

  @Column({ type: 'text', nullable: true })
  lower_output_id: string | null;

  @Column(num(0))
  lower_min_duration: number;

  @Column(num(0))
  lower_max_duration: number;

  @Column(num(0))
  lower_min_off_duration: number;

  @Column({ type: 'boolean', default: true })
  store_lower_as_negative: boolean;

  /** '' = the fixed setpoint; 'measurement' = the last value of setpoint_tracking_id plus setpoint_tracking_offset. */
  @Column({ type: 'text', default: '' })
  setpoint_tracking_type: string;

  /** "<device_id>,<device_measurement unique_id>" of the tracked measurement. */
  @Column({ type: 'text', default: '' })
  setpoint_tracking_id: string;

  @Column(num(0))
  setpoint_tracking_offset: number;

  /** Seconds; an older tracked value counts as none (the PID turns its outputs off). */
  @Column(num(120))
  setpoint_tracking_max_age: number;
}
