import { HttpException, HttpStatus, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock, EventBus } from '@app/core';
import type { FunctionEntity } from '../entities/function.entity';
import type { InputEntity } from '../entities/input.entity';
import type { PidEntity } from '../entities/pid.entity';
import { FunctionEngine } from '../functions/function-engine';
import { FunctionsService } from '../functions/functions.service';
import { MycodoError, refused } from '../http/mycodo-http';
import { InputsService } from '../inputs/inputs.service';
import { MeasurementsService } from '../measurements/measurements.service';
import { OutputControlService } from '../outputs/output-control.service';
import { OutputsService } from '../outputs/outputs.service';
import { RunningPid, RunningPids } from '../pids/pid-runner';
import { PidsService } from '../pids/pids.service';
import { DaemonLog } from './daemon-log';
import { DaemonState } from './daemon-state';

export type ControllerType = 'function' | 'input' | 'pid';
/** Mycodo's start order (Conditional, Input, PID); stopping runs in reverse. */
const START_ORDER: ControllerType[] = ['function', 'input', 'pid'];
/** Mycodo's output controller loop runs every 0.05 s. */
export const TICK_MS = 50;
const RETENTION_EVERY_MS = 3_600_000;

interface RunningController {
  id: string;
  type: ControllerType;
  name: string;
  periodMs: number;
  nextAt: number;
  busy: boolean;
  failures: number;
  run(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The daemon: at boot it loads the outputs (startup states), then starts the activated
 * controllers in Mycodo's order; each runs every period on the Clock, from one 50 ms loop
 * (tests call tick() after moving a ManualClock). A controller that throws is logged and run
 * again next period; the others go on. Terminating stops them in reverse order and applies each
 * output's shutdown state, without ending the process.
 */
@Injectable()
export class DaemonRuntime implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Daemon');
  private readonly controllers = new Map<string, RunningController>();
  private timer: NodeJS.Timeout | null = null;
  /** Passes run one after another; the loop skips a beat while its own pass still runs. */
  private lastPass: Promise<void> = Promise.resolve();
  /** Bumped by each start, so a pass of a stopped loop does not re-arm it after a restart. */
  private loop = 0;

  constructor(
    private readonly state: DaemonState,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly log: DaemonLog,
    private readonly outputs: OutputsService,
    private readonly control: OutputControlService,
    private readonly inputs: InputsService,
    private readonly pids: PidsService,
    private readonly runningPids: RunningPids,
    private readonly functions: FunctionsService,
    private readonly engine: FunctionEngine,
    private readonly measurements: MeasurementsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.terminate();
  }

  async start(): Promise<void> {
    if (this.state.running) throw refused('the daemon is already running');
    this.state.running = true;
    this.state.startedAt = this.clock.now();
    for (const id of await this.outputs.loadAll()) await this.control.applyConfiguredState(id, 'startup');
    for (const type of START_ORDER) {
      for (const entity of await this.activatedOf(type)) await this.startController(type, entity).catch((err: Error) => this.note('error', `${type} "${entity.name}" did not start: ${err.message}`));
    }
    this.schedule(++this.loop);
    this.note('log', `daemon started: ${this.controllers.size} controller(s) active`);
  }

  /** Stops every controller in reverse start order, then applies the outputs' shutdown states. */
  async terminate(): Promise<void> {
    if (!this.state.running) return;
    this.state.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.lastPass;
    for (const type of [...START_ORDER].reverse()) {
      for (const c of [...this.controllers.values()].filter((x) => x.type === type)) await this.stopController(c, 'daemon stopped');
    }
    for (const id of this.control.loadedIds()) await this.control.applyConfiguredState(id, 'shutdown');
    for (const id of this.control.loadedIds()) await this.control.unload(id);
    this.note('log', 'daemon stopped');
  }

  isActive(id: string): boolean {
    return this.controllers.has(id);
  }

  /** Mycodo's controller_activate: refused when already active or unknown. */
  async activate(id: string): Promise<string> {
    this.state.assertRunning();
    if (this.controllers.has(id)) throw refused(`Controller with ID ${id} is already active.`);
    const found = await this.find(id);
    if (!found) throw refused(`Controller with ID ${id} not found (inputs, PIDs and functions are controllers)`);
    try {
      await this.startController(found.type, found.entity);
    } catch (err) {
      // A back-end that cannot start (no such bus, no MQTT client) is the hardware's failure, not the caller's.
      throw err instanceof HttpException ? err : new MycodoError(HttpStatus.BAD_GATEWAY, `Fail: ${found.type} ${id} did not start: ${(err as Error).message}`);
    }
    await this.setActivated(found.type, id, true);
    return `${found.type} controller with ID ${id} activated.`;
  }

  async deactivate(id: string): Promise<string> {
    const running = this.controllers.get(id);
    if (!running) throw refused(`Controller with ID ${id} is not active.`);
    await this.setActivated(running.type, id, false);
    await this.stopController(running, 'deactivated');
    return `${running.type} controller with ID ${id} deactivated.`;
  }

  /** Measures an active input now (Mycodo's input_force_measurements). */
  async forceMeasurement(id: string): Promise<string> {
    this.state.assertRunning();
    const running = this.controllers.get(id);
    if (!running || running.type !== 'input') throw refused(`Input with ID ${id} is not active.`);
    try {
      await running.run();
    } catch (err) {
      throw err instanceof HttpException ? err : new MycodoError(HttpStatus.BAD_GATEWAY, `Fail: input ${id}: ${(err as Error).message}`);
    }
    return `Input ${id} measured.`;
  }

  /**
   * The loop: a pass at least every TICK_MS (timed outputs end on it), and sooner when a
   * controller is due, so a period starts within a millisecond or two of its time instead of up
   * to 50 ms late.
   */
  private schedule(loop: number): void {
    if (!this.state.running || loop !== this.loop) return;
    const now = this.clock.nowMs();
    let next = now + TICK_MS;
    for (const c of this.controllers.values()) if (!c.busy && c.nextAt < next) next = c.nextAt;
    this.timer = setTimeout(() => void this.tick().finally(() => this.schedule(loop)), Math.max(0, next - now));
    this.timer.unref();
  }

  /** One pass of the loop, after any pass under way: ends timed outputs, runs every controller whose period is up. */
  tick(): Promise<void> {
    const pass = this.lastPass.then(() => this.runDue());
    this.lastPass = pass.catch(() => undefined);
    return pass;
  }

  private async runDue(): Promise<void> {
    await this.control.tick();
    const now = this.clock.nowMs();
    const due = [...this.controllers.values()].filter((c) => !c.busy && c.nextAt <= now);
    // Types in start order (an input measured in this pass is seen by a PID in the same pass); one type's controllers in parallel.
    for (const type of START_ORDER) await Promise.all(due.filter((c) => c.type === type).map((c) => this.runOnce(c, now)));
  }

  private async runOnce(c: RunningController, now: number): Promise<void> {
    // Advance past now without catching up on missed periods (Mycodo's timer rule).
    while (c.nextAt <= now) c.nextAt += c.periodMs;
    c.busy = true;
    try {
      await c.run();
      c.failures = 0;
    } catch (err) {
      c.failures++;
      this.note('error', `${c.type} "${c.name}" failed (${c.failures} in a row), retried next period: ${(err as Error).message}`);
    } finally {
      c.busy = false;
    }
  }

  private async startController(type: ControllerType, entity: InputEntity | PidEntity | FunctionEntity): Promise<void> {
    const now = this.clock.nowMs();
    const base = { id: entity.unique_id, type, name: entity.name, periodMs: entity.period * 1000, busy: false, failures: 0 };
    let controller: RunningController;
    if (type === 'input') {
      const input = entity as InputEntity;
      const backend = await this.inputs.backend(input);
      let prunedAt = 0;
      controller = {
        ...base,
        nextAt: now + input.start_offset * 1000,
        run: async () => {
          const at = this.clock.now();
          const readings = await backend.measure();
          await this.measurements.record(readings.map((r) => ({ device_id: input.unique_id, unit: r.unit, channel: r.channel, measure: r.measurement, time: at, value: r.value })));
          if (input.retention_days && at.getTime() - prunedAt >= RETENTION_EVERY_MS) {
            prunedAt = at.getTime();
            await this.measurements.prune(input.unique_id, input.retention_days);
          }
        },
        stop: async () => backend.close?.(),
      };
    } else if (type === 'pid') {
      const pid = new RunningPid(entity as PidEntity, this.pids, this.measurements, this.control, this.bus, this.clock);
      this.runningPids.set(entity.unique_id, pid);
      controller = {
        ...base,
        nextAt: now + (entity as PidEntity).start_offset * 1000,
        run: () => pid.step(),
        stop: async () => {
          this.runningPids.delete(entity.unique_id);
          await pid.stopOutputs();
        },
      };
    } else {
      controller = {
        ...base,
        nextAt: now,
        run: async () => {
          const fn = (await this.functions.findBy(entity.unique_id)) ?? (entity as FunctionEntity);
          const evaluation = await this.engine.evaluate(fn);
          if (!evaluation.holds) return;
          const results = await this.engine.fire(fn, evaluation.reasons.join(' and '), (id) => this.functions.findBy(id));
          this.note('log', `function "${fn.name}" fired (${evaluation.reasons.join(' and ')}): ${results.join('; ')}`);
        },
        stop: async () => undefined,
      };
    }
    this.controllers.set(entity.unique_id, controller);
    this.bus.publish('daemon.controller-changed', { unique_id: entity.unique_id, type, active: true });
  }

  private async stopController(c: RunningController, reason: string): Promise<void> {
    this.controllers.delete(c.id);
    await c.stop().catch((err: Error) => this.note('error', `${c.type} "${c.name}" did not stop cleanly: ${err.message}`));
    this.bus.publish('daemon.controller-changed', { unique_id: c.id, type: c.type, active: false, reason });
  }

  private activatedOf(type: ControllerType): Promise<(InputEntity | PidEntity | FunctionEntity)[]> {
    return type === 'input' ? this.inputs.activated() : type === 'pid' ? this.pids.activated() : this.functions.activated();
  }

  /** Mycodo finds a controller's type by looking its id up in each table. */
  private async find(id: string): Promise<{ type: ControllerType; entity: InputEntity | PidEntity | FunctionEntity } | null> {
    const fn = await this.functions.findBy(id);
    if (fn) return { type: 'function', entity: fn };
    const input = await this.inputs.findBy(id);
    if (input) return { type: 'input', entity: input };
    const pid = await this.pids.reload(id);
    return pid ? { type: 'pid', entity: pid } : null;
  }

  private setActivated(type: ControllerType, id: string, active: boolean): Promise<void> {
    return type === 'input' ? this.inputs.setActivated(id, active) : type === 'pid' ? this.pids.setActivated(id, active) : this.functions.setActivated(id, active);
  }

  private note(level: 'log' | 'error', message: string): void {
    this.log.add(level, message);
    if (level === 'error') this.logger.error(message);
    else this.logger.log(message);
  }
}
