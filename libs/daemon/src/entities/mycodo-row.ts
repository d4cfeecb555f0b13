import { Column, Generated, PrimaryGeneratedColumn } from 'typeorm';

/** What every Mycodo settings row has: an integer id and the unique_id the API addresses it by. */
export abstract class MycodoRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'uuid', unique: true })
  @Generated('uuid')
  unique_id: string;
}

/** A named, top-level Mycodo device (output, input, PID, function, note). */
export abstract class NamedMycodoRow extends MycodoRow {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;
}
