import { Column } from 'typeorm';

/**
 * The columns of an archive row that belongs to someone: its owner (a Skygate user id) and,
 * optionally, the organisation (portal) it was made in. Both null: only administrators see it.
 */
export abstract class Owned {
  @Column({ type: 'uuid', nullable: true })
  owner: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisation: string | null;
}
