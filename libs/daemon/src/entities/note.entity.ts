import { Column, Entity, Generated, PrimaryGeneratedColumn } from 'typeorm';

@Entity('daemon_notes')
export class NoteEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'uuid', unique: true })
  @Generated('uuid')
  unique_id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'jsonb', default: [] })
  tags: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created_at: Date;
}
