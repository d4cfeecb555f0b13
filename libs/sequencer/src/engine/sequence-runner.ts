import { allEntities, resetEntities, walk, type SequenceEntity, type SequenceTree, type TargetCoordinates } from '../model/sequence-entity';
import { conditionHolds, conditionsIterated, runTriggers } from './conditions-triggers';
import { INSTRUCTIONS, smartExposure } from './instructions';
import { Interrupt, linkedController, type RunContext, type Scope } from './run-context';

/** A container's conditions stopped holding while one of its instructions ran. */
class ConditionsEnded extends Error {}

export interface RunHooks {
  itemStarted(path: string, item: SequenceEntity): void;
  itemEnded(path: string, item: SequenceEntity, message: string): void;
}

interface Running {
  item: SequenceEntity;
  area: SequenceEntity;
  controller: AbortController;
}

/**
 * Runs a sequence tree as N.I.N.A.'s sequencer does: areas Start → Targets → End; containers
 * sequential or parallel, looping while their conditions hold; triggers before each instruction;
 * a failed instruction is marked FAILED and the run goes on.
 */
export class SequenceRunner {
  private readonly stopper = new AbortController();
  private readonly running = new Set<Running>();
  private readonly skipped = new Set<SequenceEntity>();

  constructor(
    private readonly tree: SequenceTree,
    private readonly ctx: RunContext,
    private readonly hooks: RunHooks,
  ) {}

  /** Resolves 'FINISHED', or 'STOPPED' after stop(). */
  async run(): Promise<'FINISHED' | 'STOPPED'> {
    const t = this.tree;
    try {
      for (const [area, path] of [[t.start, 'Start'], [t.targets, 'Imaging'], [t.end, 'End']] as const) {
        if (this.skipped.has(area)) {
          this.markSkipped(area);
          continue;
        }
        try {
          await this.runContainer(area, { path, target: null, triggers: t.globalTriggers.filter((g) => !g.unknown) }, area, this.stopper.signal);
        } catch (err) {
          if (!(err instanceof Interrupt) || err.kind !== 'end-night' || this.stopper.signal.aborted) throw err;
          this.markSkipped(area);
          if (area === t.start) this.skipped.add(t.targets);
        }
      }
      return 'FINISHED';
    } catch (err) {
      if (this.stopper.signal.aborted) {
        for (const node of allEntities(t)) if (node.status === 'RUNNING') node.status = 'CREATED';
        return 'STOPPED';
      }
      throw err;
    }
  }

  stop(): void {
    this.stopper.abort(new Interrupt('stop'));
  }

  skip(type: 'CurrentItems' | 'ToEnd' | 'ToImaging'): void {
    if (type === 'CurrentItems') {
      for (const r of this.running) r.controller.abort(new Interrupt('skip'));
      return;
    }
    const areas = type === 'ToEnd' ? [this.tree.start, this.tree.targets] : [this.tree.start];
    for (const area of areas) this.skipped.add(area);
    for (const r of this.running) if (areas.includes(r.area)) r.controller.abort(new Interrupt('skip'));
  }

  /** Unsafe: the exposure in progress stops and is taken again once the safety trigger resumes. */
  interruptForSafety(): void {
    for (const r of this.running) if (r.item.type === 'TakeExposure' || r.item.type === 'SmartExposure') r.controller.abort(new Interrupt('end-night'));
  }

  private markSkipped(area: SequenceEntity): void {
    for (const node of walk([area])) if (node.status === 'CREATED' || node.status === 'RUNNING') node.status = 'SKIPPED';
  }

  private conditionsHold(container: SequenceEntity, scope: Scope): boolean {
    return container.conditions.every((c) => c.unknown || conditionHolds(c, scope, this.ctx));
  }

  private async runContainer(node: SequenceEntity, outer: Scope, area: SequenceEntity, signal: AbortSignal): Promise<void> {
    if (node.unknown) return;
    node.status = 'RUNNING';
    const target = (node.fields.Target as TargetCoordinates | undefined) ?? outer.target;
    const scope: Scope = { path: outer.path, target, triggers: [...outer.triggers, ...node.triggers.filter((t) => !t.unknown)] };
    const looping = node.conditions.some((c) => !c.unknown);
    for (;;) {
      let ended = false;
      const passStarted = this.ctx.clock.nowMs();
      if (node.type === 'ParallelContainer') {
        await Promise.all(node.items.map((item, n) => this.runItem(item, { ...scope, path: `${outer.path}-Items-${n}` }, area, signal)));
      } else {
        ended = await this.runSequentially(node, scope, outer.path, area, signal);
      }
      if (this.skipped.has(area)) break;
      if (!looping || ended) break;
      conditionsIterated(node);
      if (!this.conditionsHold(node, scope)) break;
      // A pass that took no time (every item failed at once) must not spin: wait a second of sequence time.
      if (this.ctx.clock.nowMs() === passStarted) await this.ctx.time.sleep(1000, signal);
      resetEntities(node.items);
    }
    node.status = this.skipped.has(area) ? 'SKIPPED' : 'FINISHED';
  }

  /** True when the container's conditions ended the pass. */
  private async runSequentially(node: SequenceEntity, scope: Scope, path: string, area: SequenceEntity, signal: AbortSignal): Promise<boolean> {
    for (const [n, item] of node.items.entries()) {
      const itemScope = { ...scope, path: `${path}-Items-${n}` };
      // An item interrupted by an unsafe spell goes back to CREATED and runs again after the safety trigger.
      while (item.status === 'CREATED') {
        if (this.skipped.has(area)) {
          this.markSkipped(item);
          break;
        }
        if (!this.conditionsHold(node, scope)) return true;
        if (item.kind !== 'container') await runTriggers(item, itemScope, this.ctx, signal);
        try {
          await this.runItem(item, itemScope, area, signal, () => {
            if (!this.conditionsHold(node, scope)) throw new ConditionsEnded();
            return runTriggers(item, itemScope, this.ctx, signal);
          });
        } catch (err) {
          if (err instanceof ConditionsEnded) return true;
          throw err;
        }
      }
    }
    return false;
  }

  private async runItem(item: SequenceEntity, scope: Scope, area: SequenceEntity, signal: AbortSignal, beforeFrame: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    if (item.unknown || item.status === 'DISABLED') return;
    if (item.kind === 'container') return this.runContainer(item, scope, area, signal);
    const { controller, dispose } = linkedController(signal);
    const running: Running = { item, area, controller };
    this.running.add(running);
    item.status = 'RUNNING';
    this.hooks.itemStarted(scope.path, item);
    try {
      if (item.type === 'SmartExposure') await smartExposure(item, scope, this.ctx, controller.signal, beforeFrame);
      else await INSTRUCTIONS[item.type](item, scope, this.ctx, controller.signal);
      item.status = 'FINISHED';
      this.hooks.itemEnded(scope.path, item, '');
    } catch (err) {
      const reason = controller.signal.aborted ? (controller.signal.reason as Error) : (err as Error);
      if (signal.aborted) throw signal.reason as Error;
      if (err instanceof ConditionsEnded) {
        item.status = 'FINISHED';
        this.hooks.itemEnded(scope.path, item, 'conditions ended');
        throw err;
      }
      if (reason instanceof Interrupt && reason.kind === 'skip') {
        item.status = 'SKIPPED';
        this.hooks.itemEnded(scope.path, item, 'skipped');
      } else if (reason instanceof Interrupt && reason.kind === 'end-night' && controller.signal.aborted) {
        item.status = 'CREATED';
        this.hooks.itemEnded(scope.path, item, 'interrupted: unsafe');
      } else if (err instanceof Interrupt) {
        item.status = 'SKIPPED';
        throw err;
      } else {
        item.status = 'FAILED';
        this.ctx.publish('SEQUENCE-ENTITY-FAILED', { Entity: item.name, Error: reason.message });
        this.hooks.itemEnded(scope.path, item, reason.message);
      }
    } finally {
      dispose();
      this.running.delete(running);
    }
  }
}
