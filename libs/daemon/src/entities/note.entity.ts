import { Column, Entity } from 'typeorm';
import { NamedMycodoRow } from './mycodo-row';

@Entity('daemon_notes')
export class NoteEntity extends NamedMycodoRow {
  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'jsonb', default: [] })
  tags: string[];
}
