import type { Clock } from '@app/core';
import type { CaptureService, CenteringService, EquipmentRegistry, ProfileService } from '@app/equipment';
import type { SequenceEntity, TargetCoordinates } from '../model/sequence-entity';
import type { AutofocusPort, DaemonPort, SequencerTime } from '../ports/sequencer-ports';
import type { Sky } from './sky';

/** What the night has done so far; triggers read and reset it. */
export interface RunState {
  exposures: number;
  exposuresSinceDither: number;
  exposuresSinceAutofocus: number;
  /** HFR of each light frame since the last autofocus (the HFR trigger's trend). */
  hfrSinceAutofocus: number[];
  autofocusFilter: string | null;
  autofocusTemperature: number | null;
  filter: string | null;
  guiding: boolean;
  /** Targets already flipped this night, so a flip happens once per meridian crossing. */
  flipped: Set<string>;
  autofocusRuns: number;
  flips: number;
}

export function newRunState(): RunState {
  return { exposures: 0, exposuresSinceDither: 0, exposuresSinceAutofocus: 0, hfrSinceAutofocus: [], autofocusFilter: null, autofocusTemperature: null, filter: null, guiding: false, flipped: new Set(), autofocusRuns: 0, flips: 0 };
}

/** Where an entity runs: its target (from the nearest deep-sky container) and the triggers above it. */
export interface Scope {
  path: string;
  target: TargetCoordinates | null;
  triggers: SequenceEntity[];
}

export interface RunContext {
  registry: EquipmentRegistry;
  capture: CaptureService;
  centering: CenteringService;
  profile: ProfileService;
  clock: Clock;
  time: SequencerTime;
  autofocus: AutofocusPort;
  daemon: DaemonPort;
  sky: Sky;
  state: RunState;
  /** Frames of this run whose save (and its report) is still pending. */
  frames: PendingFrames;
  /** A ninaAPI event on /v2/socket and in event-history. */
  publish(event: string, data?: Record<string, unknown>): void;
  log(path: string, item: string, outcome: 'INFO' | 'FAILED', message: string): void;
}

/** The reason a run or an item was aborted. */
export class Interrupt extends Error {
  constructor(readonly kind: 'stop' | 'skip' | 'end-night') {
    super(kind === 'stop' ? 'Sequence stopped' : kind === 'skip' ? 'Skipped' : 'The night ended while unsafe');
    this.name = 'Interrupt';
  }
}

/** An AbortController that also aborts when the parent does; dispose() unhooks it from the parent. */
export function linkedController(parent: AbortSignal): { controller: AbortController; dispose: () => void } {
  const controller = new AbortController();
  const forward = () => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  return { controller, dispose: () => parent.removeEventListener('abort', forward) };
}

/** Frames whose save is pending, oldest first; each leaves once its outcome is recorded. */
export class PendingFrames {
  private readonly pending: Promise<void>[] = [];

  add(report: Promise<void>): void {
    const settled: Promise<void> = report.finally(() => this.pending.splice(this.pending.indexOf(settled), 1));
    this.pending.push(settled);
  }

  /** Resolves once fewer than `count` frames are pending (1: every frame is saved and reported). */
  async below(count: number): Promise<void> {
    while (this.pending.length >= Math.max(1, count)) await this.pending[0];
  }
}
