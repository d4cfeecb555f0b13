import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One point of the time series, tagged like Mycodo's InfluxDB points. */
@Entity('daemon_measurements')
export class MeasurementEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  device_id: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'integer' })
  channel: number;

  @Column({ type: 'text', default: '' })
  measure: string;

  @Column({ type: 'timestamptz' })
  time: Date;

  @Column({ type: 'double precision' })
  value: number;
}
