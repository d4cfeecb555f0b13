import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { LoadedSequenceEntity, RunLogEntity, SequenceRunEntity, type LogOutcome, type RunStatus } from './sequencer.entities';

const ACTIVE = 'active';

/** Every database access of the sequencer: the loaded sequence, runs and their logs. */
@Injectable()
export class SequencerRepository {
  constructor(
    @InjectRepository(LoadedSequenceEntity) private readonly loaded: Repository<LoadedSequenceEntity>,
    @InjectRepository(SequenceRunEntity) private readonly runs: Repository<SequenceRunEntity>,
    @InjectRepository(RunLogEntity) private readonly log: Repository<RunLogEntity>,
  ) {}

  loadedSequence(): Promise<LoadedSequenceEntity | null> {
    return this.loaded.findOne({ where: { id: ACTIVE } });
  }

  async saveLoaded(name: string, json: string, at: Date, source: string | null, edits: string): Promise<void> {
    await this.loaded.save(this.loaded.create({ id: ACTIVE, name, json, loadedAt: at, source, edits }));
  }

  async saveEdits(edits: string): Promise<void> {
    await this.loaded.update({ id: ACTIVE }, { edits });
  }

  startRun(sequenceName: string, at: Date): Promise<SequenceRunEntity> {
    return this.runs.save(this.runs.create({ sequenceName, startedAt: at, status: 'RUNNING', finishedAt: null, reason: '', currentItem: '' }));
  }

  async finishRun(id: string, status: RunStatus, at: Date, reason = ''): Promise<void> {
    await this.runs.update({ id }, { status, finishedAt: at, reason });
  }

  async setCurrentItem(id: string, path: string): Promise<void> {
    await this.runs.update({ id }, { currentItem: path });
  }

  /** Runs a previous process left RUNNING: it died mid-run. */
  unfinishedRuns(): Promise<SequenceRunEntity[]> {
    return this.runs.find({ where: { status: 'RUNNING' } });
  }

  listRuns(): Promise<SequenceRunEntity[]> {
    return this.runs.find({ order: { startedAt: 'DESC' } });
  }

  findRun(id: string): Promise<SequenceRunEntity | null> {
    return this.runs.findOne({ where: { id } });
  }

  async appendLog(runId: string, at: Date, path: string, item: string, outcome: LogOutcome, message = ''): Promise<void> {
    await this.log.insert({ runId, at, path, item, outcome, message });
  }

  logOf(runId: string): Promise<RunLogEntity[]> {
    return this.log.find({ where: { runId }, order: { seq: 'ASC' } });
  }
}
