import { Injectable } from '@nestjs/common';
import { EventBus } from '@app/core';
import { angularSeparationDeg, type PlateSolution } from '@app/plate-solver';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { untilSlewEnds } from '../devices/slew-settle';
import { exposureContext } from '../image/exposure-context';
import { NinaError } from '../nina/envelope';
import { ProfileService } from '../profile/profile.service';
import { PlateSolveService } from './plate-solve.service';

/** Where to centre: J2000 degrees, and the sky position angle to turn the rotator to (Rotate). */
export interface CenteringTarget {
  raDeg: number;
  decDeg: number;
  rotationDeg?: number;
}

/** One step of the loop, published as `equipment.centering-step`. */
export interface CenteringStep {
  step: 'slew' | 'expose' | 'solve' | 'sync' | 'rotate' | 'centred' | 'failed';
  attempt: number;
  /** After a solve: where the frame points and how far that is from the target (arcminutes). */
  raDeg?: number;
  decDeg?: number;
  errorArcmin?: number;
  message?: string;
}

export interface CenteringOutcome {
  centred: boolean;
  attempts: number;
  exposures: number;
  errorArcmin: number;
  solution?: PlateSolution;
}

declare module '@app/core/events/event-bus' {
  interface SkygateEvents {
    /** A step of a centring run (CenteringService): slew, expose, solve, sync, rotate, centred or failed. */
    'equipment.centering-step': CenteringStep;
  }
}

export const CENTERING_STEP = 'equipment.centering-step' as const;

/**
 * N.I.N.A.'s centring: slew, expose, solve, sync the mount to where the frame really points and
 * slew again, until the frame centre is within PlateSolveSettings-Threshold (arcminutes) of the
 * target or NumberOfAttempts solves have been made. The sequencer's slew-and-centre calls it too.
 */
@Injectable()
export class CenteringService {
  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly profile: ProfileService,
    private readonly solving: PlateSolveService,
    private readonly bus: EventBus,
  ) {}

  async center(target: CenteringTarget, signal?: AbortSignal): Promise<CenteringOutcome> {
    const mount = this.registry.require('mount');
    const camera = this.registry.require('camera');
    const thresholdArcmin = this.profile.setting('PlateSolveSettings', 'Threshold', 1);
    const attempts = Math.max(1, this.profile.setting('PlateSolveSettings', 'NumberOfAttempts', 10));
    const exposureSeconds = this.profile.setting('PlateSolveSettings', 'ExposureTime', 2);
    let outcome: CenteringOutcome = { centred: false, attempts: 0, exposures: 0, errorArcmin: Number.NaN };
    this.step({ step: 'slew', attempt: 1 });
    await mount.slew(target.raDeg, target.decDeg);
    await untilSlewEnds(mount, signal);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      signal?.throwIfAborted();
      this.step({ step: 'expose', attempt });
      const frame = await camera.expose({ durationSeconds: exposureSeconds, imageType: 'SNAPSHOT', context: exposureContext(this.registry, this.profile) });
      outcome = { ...outcome, attempts: attempt, exposures: outcome.exposures + 1 };
      const result = await this.solving.solveFrame(frame, { binning: camera.status().binX, signal });
      if (!result.success) {
        this.step({ step: 'solve', attempt, message: result.reason });
        continue;
      }
      const { solution } = result;
      const errorArcmin = angularSeparationDeg(solution.raDeg, solution.decDeg, target.raDeg, target.decDeg) * 60;
      outcome = { ...outcome, errorArcmin, solution };
      this.step({ step: 'solve', attempt, raDeg: solution.raDeg, decDeg: solution.decDeg, errorArcmin });
      const rotated = await this.rotate(target, solution, attempt);
      if (errorArcmin <= thresholdArcmin && !rotated) {
        this.step({ step: 'centred', attempt, errorArcmin });
        return { ...outcome, centred: true };
      }
      if (errorArcmin > thresholdArcmin) {
        this.step({ step: 'sync', attempt, raDeg: solution.raDeg, decDeg: solution.decDeg });
        await mount.sync(solution.raDeg, solution.decDeg);
        this.step({ step: 'slew', attempt: attempt + 1 });
        await mount.slew(target.raDeg, target.decDeg);
        await untilSlewEnds(mount, signal);
      }
    }
    this.step({ step: 'failed', attempt: outcome.attempts, errorArcmin: outcome.errorArcmin });
    return outcome;
  }

  /** Centres or throws N.I.N.A.'s error envelope (for the routes). */
  async centerOrFail(target: CenteringTarget, signal?: AbortSignal): Promise<CenteringOutcome> {
    const outcome = await this.center(target, signal);
    if (!outcome.centred) throw new NinaError(`Centering failed after ${outcome.attempts} attempts: ${Number.isNaN(outcome.errorArcmin) ? 'no frame solved' : `${outcome.errorArcmin.toFixed(2)}′ off`}`, 409);
    return outcome;
  }

  /** Solves the current frame and syncs the mount to it (mount/sync without coordinates). */
  async solveAndSync(signal?: AbortSignal): Promise<PlateSolution> {
    const mount = this.registry.require('mount');
    const camera = this.registry.require('camera');
    const exposureSeconds = this.profile.setting('PlateSolveSettings', 'ExposureTime', 2);
    const frame = await camera.expose({ durationSeconds: exposureSeconds, imageType: 'SNAPSHOT', context: exposureContext(this.registry, this.profile) });
    const result = await this.solving.solveFrame(frame, { binning: camera.status().binX, signal });
    if (!result.success) throw new NinaError(`Plate solve failed: ${result.reason}`, 409);
    await mount.sync(result.solution.raDeg, result.solution.decDeg);
    return result.solution;
  }

  /** Turns the rotator by the position-angle error beyond RotationTolerance; true when it moved. */
  private async rotate(target: CenteringTarget, solution: PlateSolution, attempt: number): Promise<boolean> {
    if (target.rotationDeg === undefined) return false;
    const rotator = this.registry.require('rotator');
    const off = ((((target.rotationDeg - solution.positionAngleDeg) % 360) + 540) % 360) - 180;
    if (Math.abs(off) <= this.profile.setting('PlateSolveSettings', 'RotationTolerance', 1)) return false;
    this.step({ step: 'rotate', attempt, message: `${off.toFixed(2)}°` });
    await rotator.moveMechanical(rotator.status().mechanicalPosition + off);
    return true;
  }

  private step(step: CenteringStep): void {
    this.bus.publish(CENTERING_STEP, step);
  }
}
