import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The sequence loaded into the sequencer (one row, id 'active'): N.I.N.A.'s JSON as it was given,
 * the sequence file it came from, and the edits made since (replayed over the JSON at start).
 */
@Entity('sequencer_loaded')
export class LoadedSequenceEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  json: string;

  @Column({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt: Date;

  /** The sequence file's name (sequence/load?sequenceName=), null for a POSTed sequence. */
  @Column({ type: 'text', nullable: true })
  source: string | null;

  /** sequence/edit and set-target calls since the load, in order (JSON of SequenceEdit[]). */
  @Column({ type: 'text', default: '[]' })
  edits: string;
}

export type RunStatus = 'RUNNING' | 'FINISHED' | 'STOPPED' | 'FAILED';

/** One run of a sequence: started, ended, how, and where it stopped. */
@Entity('sequencer_runs')
export class SequenceRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'sequence_name', type: 'text' })
  sequenceName: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text' })
  status: RunStatus;

  @Column({ type: 'text', default: '' })
  reason: string;

  /** The path of the item that was running last (Targets-Items-0-Items-2 ...). */
  @Column({ name: 'current_item', type: 'text', default: '' })
  currentItem: string;
}

export type LogOutcome = 'STARTED' | 'FINISHED' | 'FAILED' | 'SKIPPED' | 'INFO';

/** One line of a run's log. */
@Entity('sequencer_run_log')
export class RunLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'integer' })
  seq: number;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'text' })
  item: string;

  @Column({ type: 'text' })
  outcome: LogOutcome;

  @Column({ type: 'text', default: '' })
  message: string;
}
