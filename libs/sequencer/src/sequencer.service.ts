import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { Clock, EventBus } from '@app/core';
import { CaptureService, CenteringService, DeviceLeases, EquipmentRegistry, NINA_EVENT, NinaError, ProfileService, type DeviceType } from '@app/equipment';
import { Sky } from './engine/sky';
import { newRunState, PendingFrames, type RunContext } from './engine/run-context';
import { SequenceRunner } from './engine/sequence-runner';
import { allEntities, areas, resetEntities, walk, type SequenceEntity, type SequenceTree } from './model/sequence-entity';
import { readSequence, SequenceFormatError } from './nina-json/nina-reader';
import { sequenceJson, sequenceState } from './nina-json/sequence-views';
import { editSequence } from './nina-json/sequence-edit';
import { SEQUENCER_AUTOFOCUS, SEQUENCER_DAEMON, SEQUENCER_TIME, type AutofocusPort, type DaemonPort, type SequencerTime } from './ports/sequencer-ports';
import { SequenceFiles } from './storage/sequence-files';
import { SequencerRepository } from './storage/sequencer.repository';

export type SkipType = 'CurrentItems' | 'ToEnd' | 'ToImaging';
export const SKIP_TYPES: readonly SkipType[] = ['CurrentItems', 'ToEnd', 'ToImaging'];

/** Devices an instruction or trigger type drives; a running sequence owns them. */
const DEVICES_BY_TYPE: Record<string, DeviceType[]> = {
  TakeExposure: ['camera'],
  SmartExposure: ['camera', 'filterwheel'],
  CoolCamera: ['camera'],
  WarmCamera: ['camera'],
  SwitchFilter: ['filterwheel'],
  UnparkScope: ['mount'],
  ParkScope: ['mount'],
  SlewScopeToRaDec: ['mount'],
  MeridianFlipTrigger: ['mount'],
  OpenDomeShutter: ['dome'],
  CloseDomeShutter: ['dome'],
};

const notInitialized = (code: 400 | 409 = 409) => new NinaError('Sequence is not initialized', code);

/** A change made to the loaded sequence through the API; kept in order and replayed over its JSON after a restart or a reload of the same file. */
type SequenceEdit = { op: 'edit'; path: string; value: string } | { op: 'set-target'; name: string; raDeg: number; decDeg: number; rotation: number; index: number };

/**
 * N.I.N.A.'s sequence mediator for Skygate: the loaded sequence (kept in the database, restored
 * at start), its runs (each with a log) and the ninaAPI control actions.
 */
@Injectable()
export class SequencerService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Sequencer');
  private tree: SequenceTree | null = null;
  private unknown: string[] = [];
  private edits: SequenceEdit[] = [];
  /** The sequence file the loaded sequence came from, and its text then. */
  private source: { name: string; json: string } | null = null;
  private runner: SequenceRunner | null = null;
  private finished: Promise<void> | null = null;
  private runId: string | null = null;
  private logChain: Promise<unknown> = Promise.resolve();
  private safety: Subscription | null = null;
  private currentItem = '';
  private shuttingDown = false;

  constructor(
    private readonly repo: SequencerRepository,
    private readonly files: SequenceFiles,
    private readonly registry: EquipmentRegistry,
    private readonly capture: CaptureService,
    private readonly centering: CenteringService,
    private readonly profile: ProfileService,
    private readonly leases: DeviceLeases,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    @Inject(SEQUENCER_AUTOFOCUS) private readonly autofocus: AutofocusPort,
    @Inject(SEQUENCER_DAEMON) private readonly daemon: DaemonPort,
    @Inject(SEQUENCER_TIME) private readonly time: SequencerTime,
  ) {}

  async onModuleInit(): Promise<void> {
    // A run still RUNNING in the database belongs to a process that ended mid-run.
    for (const run of await this.repo.unfinishedRuns()) {
      const where = run.currentItem ? ` while running ${run.currentItem}` : '';
      await this.repo.finishRun(run.id, 'FAILED', this.clock.now(), `Skygate restarted during the run${where}`);
    }
    const loaded = await this.repo.loadedSequence();
    if (loaded) {
      try {
        this.install(loaded.json, JSON.parse(loaded.edits) as SequenceEdit[]);
        this.source = loaded.source ? { name: loaded.source, json: loaded.json } : null;
      } catch (err) {
        this.logger.warn(`The stored sequence ${loaded.name} could not be read: ${(err as Error).message}`);
      }
    }
    this.safety = this.bus.on(NINA_EVENT).subscribe(({ payload }) => {
      if (payload.Event === 'SAFETY-CHANGED' && payload.IsSafe === false && this.tree && this.hasSafetyTrigger()) this.runner?.interruptForSafety();
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.safety?.unsubscribe();
    this.shuttingDown = true;
    this.runner?.stop();
    await this.finished?.catch(() => undefined);
  }

  get isRunning(): boolean {
    return this.runner !== null;
  }

  json(): unknown[] {
    return sequenceJson(this.requireTree());
  }

  state(): unknown[] {
    return sequenceState(this.requireTree());
  }

  listAvailable(): Promise<string[]> {
    return this.files.list();
  }

  async loadFile(name: string): Promise<void> {
    this.refuseWhileRunning(400);
    const text = await this.files.read(name);
    if (text === null) throw new NinaError('Sequence not found', 400);
    // The loaded sequence's own file, unchanged on disk: loading it again keeps the edits made to it.
    const same = this.source?.name === name && this.source.json === text;
    await this.load(text, name, same ? this.edits : []);
  }

  async load(json: string, source: string | null = null, edits: SequenceEdit[] = []): Promise<void> {
    this.refuseWhileRunning(400);
    let name: string;
    try {
      name = this.install(json, edits);
    } catch (err) {
      if (err instanceof SequenceFormatError) throw new NinaError(err.message, 400);
      throw err;
    }
    this.source = source === null ? null : { name: source, json };
    await this.repo.saveLoaded(name, json, this.clock.now(), source, JSON.stringify(this.edits));
  }

  /** Unknown entities of the loaded sequence ("path: $type"); start refuses them without skipValidation. */
  get validationIssues(): string[] {
    return this.unknown;
  }

  async start(skipValidation: boolean): Promise<void> {
    const tree = this.requireTree();
    if (this.runner) throw new NinaError('Sequence is already running', 409);
    if (this.unknown.length && !skipValidation) throw new NinaError(`Sequence validation failed, unknown items: ${this.unknown.join('; ')}`, 400);
    const run = await this.repo.startRun(tree.name, this.clock.now());
    this.currentItem = '';
    this.runId = run.id;
    const ctx = this.context();
    const runner = new SequenceRunner(tree, ctx, {
      itemStarted: (path, item) => this.record(path, item, 'STARTED', '', true),
      itemEnded: (path, item, message) => this.record(path, item, item.status === 'FAILED' ? 'FAILED' : item.status === 'SKIPPED' ? 'SKIPPED' : 'FINISHED', message),
    });
    this.runner = runner;
    this.leases.claim('the running sequence', this.devicesUsed(tree));
    this.publish('SEQUENCE-STARTING');
    // The run ends once every frame it took is saved and reported (saves trail the exposures).
    const ran = runner.run().finally(() => ctx.frames.below(1));
    this.finished = ran.then(
      // A shutdown in the middle of a night is a failed run, not a user's stop.
      (outcome) => (this.shuttingDown && outcome === 'STOPPED' ? this.end(run.id, 'FAILED', `Skygate stopped during the run${this.currentItem ? ` while running ${this.currentItem}` : ''}`) : this.end(run.id, outcome, '')),
      (err: Error) => {
        this.logger.error(`sequence failed: ${err.stack ?? err.message}`);
        return this.end(run.id, 'FAILED', err.message);
      },
    );
  }

  /** Stops the run and waits until it has ended (the exposure in progress is aborted). */
  async stop(): Promise<void> {
    this.requireTree();
    this.runner?.stop();
    await this.finished;
  }

  /** Resolves when the current run ends (tests and the bench wait on it). */
  async untilIdle(): Promise<void> {
    await this.finished;
  }

  reset(): void {
    const tree = this.requireTree();
    if (this.runner) throw new NinaError('Sequence is already running', 409);
    resetEntities([...tree.globalTriggers, ...areas(tree)]);
  }

  skip(type: SkipType): void {
    this.requireTree();
    if (!this.runner) throw new NinaError('Sequence not running', 409);
    this.runner.skip(type);
  }

  /** Sets a deep-sky container's target; kept with the loaded sequence (a restart or reload keeps it). */
  async setTarget(name: string, raDeg: number, decDeg: number, rotation: number, index: number): Promise<void> {
    const edit: SequenceEdit = { op: 'set-target', name, raDeg, decDeg, rotation, index };
    applyEdit(this.requireTree(), edit);
    await this.keep(edit);
  }

  /** sequence/edit; kept with the loaded sequence as N.I.N.A. keeps edits in its loaded sequence. */
  async edit(path: string | undefined, value: string | undefined): Promise<void> {
    if (!this.tree) throw notInitialized(400);
    if (!path) throw new NinaError('Invalid path', 400);
    if (!value) throw new NinaError("New value can't be null", 400);
    const edit: SequenceEdit = { op: 'edit', path, value };
    applyEdit(this.tree, edit);
    await this.keep(edit);
  }

  private async keep(edit: SequenceEdit): Promise<void> {
    this.edits.push(edit);
    await this.repo.saveEdits(JSON.stringify(this.edits));
  }

  private requireTree(): SequenceTree {
    if (!this.tree) throw notInitialized();
    return this.tree;
  }

  private refuseWhileRunning(code: 400 | 409): void {
    if (this.runner) throw new NinaError('Sequence is already running', code);
  }

  /** Reads the JSON and replays the kept edits over it. */
  private install(json: string, edits: SequenceEdit[]): string {
    const { tree, unknown } = readSequence(json);
    for (const edit of edits) applyEdit(tree, edit);
    this.tree = tree;
    this.unknown = unknown;
    this.edits = [...edits];
    return tree.name;
  }

  private hasSafetyTrigger(): boolean {
    return allEntities(this.tree!).some((n) => n.type === 'SafetyTrigger' && !n.unknown);
  }

  private devicesUsed(tree: SequenceTree): DeviceType[] {
    const used = new Set<DeviceType>();
    for (const node of allEntities(tree)) if (!node.unknown) for (const d of DEVICES_BY_TYPE[node.type] ?? []) used.add(d);
    return [...used];
  }

  private context(): RunContext {
    const site = {
      latitude: this.profile.setting('AstrometrySettings', 'Latitude', 0),
      longitude: this.profile.setting('AstrometrySettings', 'Longitude', 0),
      elevation: this.profile.setting('AstrometrySettings', 'Elevation', 0),
    };
    return {
      registry: this.registry,
      capture: this.capture,
      centering: this.centering,
      profile: this.profile,
      clock: this.clock,
      time: this.time,
      autofocus: this.autofocus,
      daemon: this.daemon,
      sky: new Sky(site),
      state: newRunState(),
      frames: new PendingFrames(),
      publish: (event, data = {}) => this.publish(event, data),
      log: (path, item, outcome, message) => this.appendLog(path, item, outcome, message),
    };
  }

  private publish(event: string, data: Record<string, unknown> = {}): void {
    this.bus.publish(NINA_EVENT, { Event: event, ...data });
  }

  private record(path: string, item: SequenceEntity, outcome: 'STARTED' | 'FINISHED' | 'FAILED' | 'SKIPPED', message: string, current = false): void {
    const runId = this.runId;
    if (!runId) return;
    if (current) {
      const where = `${path} (${item.name})`;
      this.currentItem = where;
      this.queue(() => this.repo.setCurrentItem(runId, where));
    }
    this.appendLog(path, item.name, outcome, message);
  }

  private appendLog(path: string, item: string, outcome: 'STARTED' | 'FINISHED' | 'FAILED' | 'SKIPPED' | 'INFO', message: string): void {
    const runId = this.runId;
    if (!runId) return;
    const at = this.clock.now();
    this.queue(() => this.repo.appendLog(runId, at, path, item, outcome, message));
  }

  /** Log writes run one after another, off the instruction's path. */
  private queue(write: () => Promise<unknown>): void {
    this.logChain = this.logChain.then(write).catch((err: Error) => this.logger.warn(`run log write failed: ${err.message}`));
  }

  private async end(runId: string, outcome: 'FINISHED' | 'STOPPED' | 'FAILED', reason: string): Promise<void> {
    this.runner = null;
    this.leases.release('the running sequence');
    await this.logChain;
    await this.repo.finishRun(runId, outcome, this.clock.now(), reason).catch((err: Error) => this.logger.warn(`run end not recorded: ${err.message}`));
    // A user stop is a plain SEQUENCE-FINISHED in N.I.N.A. (recorded event histories).
    this.publish('SEQUENCE-FINISHED');
  }
}

function applyEdit(tree: SequenceTree, edit: SequenceEdit): void {
  if (edit.op === 'edit') return editSequence(tree, edit.path, edit.value);
  const targets = [...walk([tree.targets])].filter((n) => n.type === 'DeepSkyObjectContainer');
  if (!targets.length) throw new NinaError('No DSO Container found', 409);
  const container = targets[edit.index];
  if (!container) throw new NinaError('Index out of range', 400);
  container.fields.Target = { name: edit.name, raDeg: edit.raDeg, decDeg: edit.decDeg, rotation: edit.rotation };
  container.name = edit.name;
}
