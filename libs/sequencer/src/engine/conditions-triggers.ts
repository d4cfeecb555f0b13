import { MAX_SAVES_IN_FLIGHT, untilSlewEnds } from '@app/equipment';
import type { SequenceEntity } from '../model/sequence-entity';
import { dither, nextTimeOfDay, runAutofocus, stopGuiding, waitUntil } from './instructions';
import { Interrupt, type RunContext, type Scope } from './run-context';

/**
 * Conditions decide whether a container goes on (N.I.N.A.'s Check); triggers run between
 * instructions when due (ShouldTrigger + Execute). Both read the night's RunState.
 */
const num = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

export function conditionHolds(node: SequenceEntity, scope: Scope, ctx: RunContext): boolean {
  const f = node.fields;
  const now = ctx.clock.now();
  switch (node.type) {
    case 'LoopCondition':
      return num(f.CompletedIterations, 0) < num(f.Iterations, 1);
    case 'TimeCondition': {
      if (typeof f.TargetTime !== 'string') f.TargetTime = nextTimeOfDay(f, now).toISOString();
      f.RemainingMs = Math.max(0, Date.parse(String(f.TargetTime)) - now.getTime());
      return Number(f.RemainingMs) > 0;
    }
    case 'AltitudeCondition':
    case 'AboveHorizonCondition': {
      if (!scope.target) return false;
      const { raDeg, decDeg } = scope.target;
      f.CurrentAltitude = ctx.sky.altitude(raDeg, decDeg, now);
      // N.I.N.A. keeps looping while the target still rises (LoopForAltitudeBase).
      return Number(f.CurrentAltitude) >= num(f.Offset, 0) || (node.type === 'AltitudeCondition' && ctx.sky.rising(raDeg, decDeg, now) && Number(f.CurrentAltitude) > 0);
    }
    case 'SafetyMonitorCondition': {
      const monitor = ctx.registry.get('safetymonitor');
      return monitor.connected && monitor.isSafe();
    }
    default:
      return true;
  }
}

/** After a whole pass of a container's items (N.I.N.A.'s ResetProgress after an iteration). */
export function conditionsIterated(container: SequenceEntity): void {
  for (const c of container.conditions) if (c.type === 'LoopCondition') c.fields.CompletedIterations = num(c.fields.CompletedIterations, 0) + 1;
}

/** The HFR trend of N.I.N.A.'s AF After HFR Increase: least-squares line over the last SampleSize frames. */
export function hfrIncreasePercent(samples: number[], sampleSize: number): number {
  const ys = samples.slice(-Math.max(3, sampleSize));
  if (ys.length < 3) return 0;
  const n = ys.length;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, x) => {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  });
  const slope = sxy / sxx;
  const first = meanY - slope * meanX;
  const last = first + slope * (n - 1);
  return first > 0 ? ((last - first) / first) * 100 : 0;
}

function isExposure(node: SequenceEntity | undefined): boolean {
  return node?.type === 'TakeExposure' || node?.type === 'SmartExposure';
}

function shouldTrigger(trigger: SequenceEntity, next: SequenceEntity | undefined, scope: Scope, ctx: RunContext): boolean {
  const f = trigger.fields;
  const s = ctx.state;
  switch (trigger.type) {
    case 'DitherAfterExposures':
      f.ProgressExposures = s.exposuresSinceDither;
      return isExposure(next) && s.guiding && s.exposuresSinceDither >= Math.max(1, num(f.AfterExposures, 1));
    case 'AutofocusAfterExposures':
      f.ProgressExposures = s.exposuresSinceAutofocus;
      return isExposure(next) && s.exposuresSinceAutofocus >= Math.max(1, num(f.AfterExposures, 5));
    case 'AutofocusAfterFilterChange':
      return isExposure(next) && s.exposures > 0 && s.filter !== s.autofocusFilter;
    case 'AutofocusAfterHFRIncreaseTrigger': {
      const percent = hfrIncreasePercent(s.hfrSinceAutofocus, num(f.SampleSize, 10));
      f.HFRTrendPercentage = percent;
      f.OriginalHFR = s.hfrSinceAutofocus[0] ?? 0;
      return isExposure(next) && percent > num(f.Amount, 5);
    }
    case 'AutofocusAfterTemperatureChangeTrigger': {
      const focuser = ctx.registry.get('focuser');
      if (!focuser.connected || !isExposure(next)) return false;
      const temperature = focuser.status().temperature;
      if (s.autofocusTemperature === null) s.autofocusTemperature = temperature;
      f.DeltaT = Math.abs(temperature - s.autofocusTemperature);
      return Number(f.DeltaT) >= num(f.Amount, 5);
    }
    case 'MeridianFlipTrigger': {
      if (!scope.target || !isExposure(next)) return false;
      const hours = ctx.sky.hoursToMeridian(scope.target.raDeg, scope.target.decDeg, ctx.clock.now());
      f.TimeToFlip = hours;
      return hours <= 0 && !s.flipped.has(scope.target.name);
    }
    case 'SafetyTrigger': {
      const monitor = ctx.registry.get('safetymonitor');
      return monitor.connected && !monitor.isSafe();
    }
    default:
      return false;
  }
}

/** Runs every due trigger of the scope before the next instruction. */
export async function runTriggers(next: SequenceEntity | undefined, scope: Scope, ctx: RunContext, signal: AbortSignal): Promise<void> {
  // Before an exposure, the frame before the last one is saved and measured: its HFR is in the trend.
  if (isExposure(next)) await ctx.frames.below(MAX_SAVES_IN_FLIGHT);
  for (const trigger of scope.triggers) {
    if (trigger.unknown || !shouldTrigger(trigger, next, scope, ctx)) continue;
    trigger.status = 'RUNNING';
    ctx.log(scope.path, trigger.name, 'INFO', 'triggered');
    try {
      await TRIGGERS[trigger.type](trigger, scope, ctx, signal);
      trigger.status = 'FINISHED';
    } catch (err) {
      trigger.status = 'FAILED';
      if (err instanceof Interrupt || signal.aborted) throw err;
      ctx.publish('SEQUENCE-ENTITY-FAILED', { Entity: trigger.name, Error: (err as Error).message });
      ctx.log(scope.path, trigger.name, 'FAILED', (err as Error).message);
    }
    // A trigger stays armed for the next time it is due.
    trigger.status = trigger.status === 'FAILED' ? 'FAILED' : 'CREATED';
  }
}

type TriggerAction = (trigger: SequenceEntity, scope: Scope, ctx: RunContext, signal: AbortSignal) => Promise<void>;

const autofocus: TriggerAction = (_t, _s, ctx, signal) => runAutofocus(ctx, signal);

const TRIGGERS: Record<string, TriggerAction> = {
  DitherAfterExposures: (_t, _s, ctx) => dither(ctx),
  AutofocusAfterExposures: autofocus,
  AutofocusAfterFilterChange: autofocus,
  AutofocusAfterHFRIncreaseTrigger: autofocus,
  AutofocusAfterTemperatureChangeTrigger: autofocus,
  async MeridianFlipTrigger(_t, scope, ctx, signal) {
    const target = scope.target!;
    const wasGuiding = ctx.state.guiding;
    ctx.publish('MOUNT-BEFORE-FLIP');
    await stopGuiding(ctx);
    const mount = ctx.registry.require('mount');
    // The flip is a slew to the same coordinates from the other side of the pier.
    await mount.slew(target.raDeg, target.decDeg);
    await untilSlewEnds(mount, signal);
    ctx.log(scope.path, 'Meridian Flip', 'INFO', `flipped to ${mount.status().sideOfPier}; re-centring needs a plate solver, re-slewed instead`);
    if (signal.aborted) throw signal.reason as Error;
    if (wasGuiding) {
      await ctx.registry.require('guider').start(false);
      ctx.state.guiding = true;
    }
    ctx.state.flipped.add(target.name);
    ctx.state.flips++;
    ctx.publish('MOUNT-AFTER-FLIP');
  },
  async SafetyTrigger(trigger, scope, ctx, signal) {
    const wasGuiding = ctx.state.guiding;
    await stopGuiding(ctx);
    const mount = ctx.registry.get('mount');
    if (mount.connected && !mount.status().atPark) await mount.park();
    const dome = ctx.registry.get('dome');
    if (dome.connected) await dome.closeShutter();
    ctx.log(scope.path, trigger.name, 'INFO', 'unsafe: parked and closed');
    if (trigger.fields.ResumeWhenSafe === false) throw new Interrupt('end-night');
    const endAltitude = num(trigger.fields.EndSunAltitude, -12);
    const monitor = ctx.registry.get('safetymonitor');
    await waitUntil(ctx, signal, () => {
      if (ctx.sky.sunAltitude(ctx.clock.now()) > endAltitude) throw new Interrupt('end-night');
      return monitor.isSafe();
    });
    if (dome.connected) await dome.openShutter();
    if (mount.connected) {
      await mount.unpark();
      if (scope.target) {
        await mount.slew(scope.target.raDeg, scope.target.decDeg);
        await untilSlewEnds(mount, signal);
      }
      await mount.setTracking('Siderial');
    }
    if (wasGuiding) {
      await ctx.registry.require('guider').start(false);
      ctx.state.guiding = true;
    }
    ctx.log(scope.path, trigger.name, 'INFO', 'safe again: resumed');
  },
};
