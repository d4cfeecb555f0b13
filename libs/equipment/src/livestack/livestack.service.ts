import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { EventBus } from '@app/core';
import { EquipmentRegistry } from '../devices/equipment-registry';
import type { RawFrame } from '../drivers/contract/device-interfaces';
import type { DetectedStar } from '../drivers/image/image-analysis';
import { CAPTURE_SAVED } from '../image/capture-events';
import { CaptureService } from '../image/capture.service';
import { IDENTITY, RunningStack } from './running-stack';
import { registerStars, type RigidTransform } from './star-registration';

/** livestack/image/{target}/{filter}/info and the STACK-UPDATED payload (monochrome stacks). */
export interface StackInfo {
  IsMonochrome: true;
  StackCount: number;
  Filter: string;
  Target: string;
}

/** Frames without a target or filter still stack; the route needs a path segment for each. */
export const NO_TARGET = 'No target';
export const NO_FILTER = 'No filter';

/**
 * Live stacking as N.I.N.A.'s Livestack plugin does it, behind ninaAPI's livestack routes: while
 * running, every saved LIGHT frame is registered on the first frame of its target and filter by
 * its stars (rotation + translation) and added to that stack's sigma-clipped running mean.
 * Events: STACK-STATUS {Status} on start and stop, STACK-UPDATED {Filter, Target, IsMonochrome,
 * StackCount} per added frame. Stacks live in memory until the process ends (as in ninaAPI).
 */
@Injectable()
export class LivestackService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Livestack');
  private readonly stacks = new Map<string, { target: string; filter: string; stack: RunningStack }>();
  private running = false;
  private subscription: Subscription | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly capture: CaptureService,
    private readonly registry: EquipmentRegistry,
  ) {}

  onModuleInit(): void {
    this.subscription = this.bus.on(CAPTURE_SAVED).subscribe(({ payload }) => {
      const last = this.capture.lastCapture;
      if (!this.running || !last || last.archived.record.filePath !== payload.path || payload.statistics.ImageType !== 'LIGHT') return;
      try {
        this.add(last.frame, last.detection.stars, payload.statistics.TargetName, payload.statistics.Filter);
      } catch (err) {
        this.logger.warn(`frame not stacked: ${(err as Error).message}`);
      }
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** "Running" or "Stopped", as the Livestack plugin broadcasts it. */
  get status(): 'Running' | 'Stopped' {
    return this.running ? 'Running' : 'Stopped';
  }

  start(): void {
    if (!this.running) this.registry.publish('STACK-STATUS', { Status: 'Running' });
    this.running = true;
  }

  stop(): void {
    if (this.running) this.registry.publish('STACK-STATUS', { Status: 'Stopped' });
    this.running = false;
  }

  /**
   * Registers and adds one frame; the first frame of a target and filter (or of a new frame
   * size) starts its stack. Returns the transform used, or null when the frame's stars could not
   * be matched (the frame is skipped).
   */
  add(frame: RawFrame, stars: DetectedStar[], target: string, filter: string): Omit<RigidTransform, 'matches' | 'rmsPx'> | null {
    const t = target || NO_TARGET;
    const f = filter || NO_FILTER;
    const key = JSON.stringify([t, f]);
    let entry = this.stacks.get(key);
    if (entry && (entry.stack.width !== frame.width || entry.stack.height !== frame.height)) entry = undefined;
    let transform: Omit<RigidTransform, 'matches' | 'rmsPx'> | null = IDENTITY;
    if (!entry) {
      entry = { target: t, filter: f, stack: new RunningStack(frame.width, frame.height, stars) };
      this.stacks.set(key, entry);
    } else {
      transform = registerStars(entry.stack.referenceStars, stars);
      if (!transform) {
        this.logger.warn(`frame of ${t}/${f} not stacked: its stars do not match the reference`);
        return null;
      }
    }
    entry.stack.add(frame.pixels, transform);
    this.registry.publish('STACK-UPDATED', { ...this.describe(entry) });
    return transform;
  }

  available(): { Filter: string; Target: string }[] {
    return [...this.stacks.values()].map((e) => ({ Filter: e.filter, Target: e.target }));
  }

  info(target: string, filter: string): StackInfo | null {
    const entry = this.stacks.get(JSON.stringify([target, filter]));
    return entry ? this.describe(entry) : null;
  }

  /** The stacked pixels of a target and filter. */
  image(target: string, filter: string): { pixels: Uint16Array; width: number; height: number } | null {
    const entry = this.stacks.get(JSON.stringify([target, filter]));
    return entry ? { pixels: entry.stack.toUint16(), width: entry.stack.width, height: entry.stack.height } : null;
  }

  private describe(e: { target: string; filter: string; stack: RunningStack }): StackInfo {
    return { IsMonochrome: true, StackCount: e.stack.count, Filter: e.filter, Target: e.target };
  }
}
