import { NinaError, type FinishedCapture, type ImageType, untilSlewEnds } from '@app/equipment';
import type { SequenceEntity } from '../model/sequence-entity';
import type { Radec } from '../nina-json/coordinates';
import type { RunContext, Scope } from './run-context';

/**
 * The instructions: each drives equipment through its drivers and services. They throw to fail
 * (the runner marks the item FAILED and goes on, N.I.N.A.'s default "continue on error").
 */
type Instruction = (node: SequenceEntity, scope: Scope, ctx: RunContext, signal: AbortSignal) => Promise<void>;

const num = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

export interface ExposureSettings {
  seconds: number;
  gain: number;
  offset: number;
  binning: { X: number; Y: number };
  imageType: ImageType;
  filter: { name: string; position: number } | null;
}

function exposureSettings(f: Record<string, unknown>): ExposureSettings {
  const type = String(f.ImageType ?? 'LIGHT').toUpperCase();
  return {
    seconds: num(f.ExposureTime, 1),
    gain: num(f.Gain, -1),
    offset: num(f.Offset, -1),
    binning: (f.Binning as { X: number; Y: number } | undefined) ?? { X: 1, Y: 1 },
    imageType: (['LIGHT', 'DARK', 'BIAS', 'FLAT', 'SNAPSHOT'].includes(type) ? type : 'LIGHT') as ImageType,
    filter: (f.Filter as ExposureSettings['filter']) ?? null,
  };
}

export async function switchFilter(ctx: RunContext, filter: { name: string; position: number } | null): Promise<void> {
  if (!filter) return;
  const wheel = ctx.registry.require('filterwheel');
  const names = ctx.profile.filterNames();
  const position = filter.name ? names.indexOf(filter.name) : filter.position;
  if (position < 0 || position >= names.length) throw new Error(`Filter ${filter.name || filter.position} is not in the filter wheel`);
  if (wheel.status().position !== position) {
    await wheel.setPosition(position);
    ctx.publish('FILTERWHEEL-CHANGED', { Previous: { Name: ctx.state.filter ?? '', Id: -1 }, New: { Name: names[position], Id: position } });
  }
  ctx.state.filter = names[position];
}

/**
 * One frame, pipelined as N.I.N.A.'s imaging mediator does: returns once the frame is in memory,
 * while equipment's CaptureService measures, writes and files it in the background (in frame
 * order, at most MAX_SAVES_IN_FLIGHT pending). The frame's HFR joins the HFR trigger's trend when
 * its analysis arrives; triggers before an exposure first wait until fewer than
 * MAX_SAVES_IN_FLIGHT frames are pending (runTriggers), so the trend seen before frame k+2 always
 * holds frame k. A failed save fails nothing that runs now: it is reported as
 * SEQUENCE-ENTITY-FAILED and in the run log, and the night goes on.
 */
export async function exposeOnce(ctx: RunContext, settings: ExposureSettings, scope: Scope, item: SequenceEntity, signal: AbortSignal): Promise<void> {
  const camera = ctx.registry.require('camera');
  const status = camera.status();
  if (status.binX !== settings.binning.X || status.binY !== settings.binning.Y) await camera.setBinning(settings.binning.X, settings.binning.Y);
  if (settings.offset >= 0 && status.offset !== settings.offset) await camera.setOffset(settings.offset);
  await switchFilter(ctx, settings.filter);
  let saved: Promise<FinishedCapture>;
  try {
    ({ saved } = await ctx.capture.captureFrame(
      {
        durationSeconds: ctx.time.cameraSeconds(settings.seconds),
        gain: settings.gain > 0 ? settings.gain : undefined,
        imageType: settings.imageType,
        targetName: scope.target?.name ?? '',
      },
      signal,
    ));
  } catch (err) {
    if (signal.aborted) throw signal.reason as Error;
    throw err;
  }
  // A frame that arrived just as an abort did still counts; the abort is seen before the next frame.
  ctx.time.exposed(settings.seconds);
  const s = ctx.state;
  s.exposures++;
  s.exposuresSinceDither++;
  s.exposuresSinceAutofocus++;
  const frameNumber = s.exposures;
  const autofocusRuns = s.autofocusRuns;
  ctx.frames.add(
    saved.then(
      ({ detection }) => {
        // A frame taken before the last autofocus says nothing about the new focus.
        if (settings.imageType === 'LIGHT' && detection.hfr > 0 && s.autofocusRuns === autofocusRuns) s.hfrSinceAutofocus.push(detection.hfr);
      },
      (err: Error) => {
        const message = `frame ${frameNumber} was not saved: ${err.message}`;
        ctx.publish('SEQUENCE-ENTITY-FAILED', { Entity: item.name, Error: message });
        ctx.log(scope.path, item.name, 'FAILED', message);
      },
    ),
  );
}

async function slewTo(ctx: RunContext, coords: Radec, signal: AbortSignal): Promise<void> {
  const mount = ctx.registry.require('mount');
  if (mount.status().atPark) throw new NinaError('Mount parked', 409);
  await mount.slew(coords.raDeg, coords.decDeg);
  await untilSlewEnds(mount, signal);
  if (mount.status().trackingMode === 'Stopped') await mount.setTracking('Siderial');
  if (signal.aborted) throw signal.reason as Error;
}

/** Slew and centre by plate solving (Equipment's centring loop); fails when it does not converge. */
async function centre(ctx: RunContext, target: Radec & { rotationDeg?: number }, signal: AbortSignal): Promise<void> {
  const mount = ctx.registry.require('mount');
  if (mount.status().atPark) throw new NinaError('Mount parked', 409);
  const outcome = await ctx.centering.center(target, signal);
  if (!outcome.centred) throw new Error(`Centering failed: ${outcome.errorArcmin.toFixed(2)}′ off after ${outcome.attempts} attempts`);
}

function coordinatesFor(node: SequenceEntity, scope: Scope): Radec {
  const own = node.fields.Coordinates as Radec | null | undefined;
  if (node.fields.Inherited !== false && scope.target) return scope.target;
  if (own) return own;
  throw new Error('No coordinates to slew to');
}

/** Waits until `done()` holds, checking once a minute of sequence time (N.I.N.A.'s wait loops). */
export async function waitUntil(ctx: RunContext, signal: AbortSignal, done: () => boolean, stepMs = 60_000): Promise<void> {
  while (!done()) await ctx.time.sleep(stepMs, signal);
}

/** Next occurrence of a local wall-clock time (N.I.N.A.'s WaitForTime / TimeCondition). */
export function nextTimeOfDay(f: Record<string, unknown>, now: Date): Date {
  const target = new Date(now);
  target.setHours(num(f.Hours, 0), num(f.Minutes, 0) + num(f.MinutesOffset, 0), num(f.Seconds, 0), 0);
  if (target.getTime() < now.getTime() - 1000) target.setDate(target.getDate() + 1);
  return target;
}

function compare(value: number, offset: number, comparator: unknown): boolean {
  const below = comparator === '<' || comparator === 'LESS_THAN' || comparator === 'LESS_THAN_OR_EQUAL' || comparator === 1 || comparator === 3;
  return below ? value <= offset : value > offset;
}

export const INSTRUCTIONS: Record<string, Instruction> = {
  async CoolCamera(node, _scope, ctx, signal) {
    await ctx.registry.require('camera').setCooling(num(node.fields.Temperature, 0));
    await ctx.time.sleep(num(node.fields.Duration, 0) * 60_000, signal);
  },
  async WarmCamera(node, _scope, ctx, signal) {
    await ctx.time.sleep(num(node.fields.Duration, 0) * 60_000, signal);
    await ctx.registry.require('camera').setCooling(null);
  },
  UnparkScope: (_n, _s, ctx) => ctx.registry.require('mount').unpark(),
  ParkScope: async (_n, _s, ctx) => {
    await stopGuiding(ctx);
    await ctx.registry.require('mount').park();
  },
  SlewScopeToRaDec: (node, scope, ctx, signal) => slewTo(ctx, coordinatesFor(node, scope), signal),
  Center: (node, scope, ctx, signal) => centre(ctx, coordinatesFor(node, scope), signal),
  CenterAndRotate: (node, scope, ctx, signal) => centre(ctx, { ...coordinatesFor(node, scope), rotationDeg: num(node.fields.PositionAngle, num(node.fields.Rotation, 0)) }, signal),
  SwitchFilter: (node, _s, ctx) => switchFilter(ctx, (node.fields.Filter as ExposureSettings['filter']) ?? null),
  async TakeExposure(node, scope, ctx, signal) {
    const settings = exposureSettings(node.fields);
    const count = Math.max(1, num(node.fields.ExposureCount, 1));
    for (let n = 0; n < count; n++) {
      if (signal.aborted) throw signal.reason as Error;
      await exposeOnce(ctx, settings, scope, node, signal);
    }
  },
  StartGuiding: async (node, _s, ctx) => {
    await ctx.registry.require('guider').start(node.fields.ForceCalibration === true);
    ctx.state.guiding = true;
  },
  StopGuiding: (_n, _s, ctx) => stopGuiding(ctx),
  Dither: (_n, _s, ctx) => dither(ctx),
  OpenDomeShutter: (_n, _s, ctx) => ctx.registry.require('dome').openShutter(),
  CloseDomeShutter: (_n, _s, ctx) => ctx.registry.require('dome').closeShutter(),
  EnableDomeSynchronization: (_n, _s, ctx) => ctx.registry.require('dome').setFollowing(true),
  DisableDomeSynchronization: (_n, _s, ctx) => ctx.registry.require('dome').setFollowing(false),
  ToggleLight: (node, _s, ctx) => ctx.registry.require('flatdevice').setLight(node.fields.OnOff === true),
  OpenCover: (_n, _s, ctx) => ctx.registry.require('flatdevice').setCover(false),
  CloseCover: (_n, _s, ctx) => ctx.registry.require('flatdevice').setCover(true),
  SetBrightness: (node, _s, ctx) => ctx.registry.require('flatdevice').setBrightness(num(node.fields.Brightness, 0)),
  async WaitForTime(node, _s, ctx, signal) {
    const until = nextTimeOfDay(node.fields, ctx.clock.now());
    node.fields.TargetTime = until.toISOString();
    node.fields.RemainingMs = Math.max(0, until.getTime() - ctx.clock.nowMs());
    await ctx.time.sleep(Number(node.fields.RemainingMs), signal);
  },
  WaitForTimeSpan: (node, _s, ctx, signal) => ctx.time.sleep(num(node.fields.Time, 0) * 1000, signal),
  async WaitForAltitude(node, scope, ctx, signal) {
    const coords = scope.target ?? (node.fields.Coordinates as Radec | null);
    if (!coords) throw new Error('Wait for Altitude needs a target');
    const offset = num(node.fields.Offset, 30);
    await waitUntil(ctx, signal, () => {
      node.fields.CurrentAltitude = ctx.sky.altitude(coords.raDeg, coords.decDeg, ctx.clock.now());
      return compare(Number(node.fields.CurrentAltitude), offset, node.fields.AboveOrBelow ?? '>');
    });
  },
  async WaitForSunAltitude(node, _s, ctx, signal) {
    const offset = num(node.fields.Offset, -18);
    // "Wait if Sun Altitude": waits while the Sun is above (or below) the limit.
    await waitUntil(ctx, signal, () => {
      node.fields.CurrentAltitude = ctx.sky.sunAltitude(ctx.clock.now());
      return !compare(Number(node.fields.CurrentAltitude), offset, node.fields.Comparator ?? '>');
    });
  },
  Annotation: () => Promise.resolve(),
  RunAutofocus: (_n, _s, ctx, signal) => runAutofocus(ctx, signal),
  SetDaemonOutput: (node, _s, ctx, signal) => ctx.daemon.setOutput(String(node.fields.OutputId ?? ''), node.fields.State === 'off' ? 'off' : 'on', typeof node.fields.Duration === 'number' ? node.fields.Duration : undefined, signal),
  RunDaemonFunction: (node, _s, ctx, signal) => ctx.daemon.runFunction(String(node.fields.FunctionId ?? ''), signal),
};

/** Smart Exposure: switch filter, then Iterations frames with a dither every DitherAfter frames. */
export async function smartExposure(node: SequenceEntity, scope: Scope, ctx: RunContext, signal: AbortSignal, beforeFrame: () => Promise<void>): Promise<void> {
  const settings = exposureSettings(node.fields);
  const iterations = Math.max(1, num(node.fields.Iterations, 1));
  const ditherAfter = num(node.fields.DitherAfter, 0);
  await switchFilter(ctx, settings.filter);
  while (num(node.fields.CompletedIterations, 0) < iterations) {
    if (signal.aborted) throw signal.reason as Error;
    await beforeFrame();
    await exposeOnce(ctx, settings, scope, node, signal);
    node.fields.CompletedIterations = num(node.fields.CompletedIterations, 0) + 1;
    node.fields.DitherProgress = num(node.fields.DitherProgress, 0) + 1;
    if (ditherAfter > 0 && Number(node.fields.DitherProgress) >= ditherAfter && ctx.state.guiding) {
      await dither(ctx);
      node.fields.DitherProgress = 0;
    }
  }
}

export async function stopGuiding(ctx: RunContext): Promise<void> {
  const guider = ctx.registry.get('guider');
  if (guider.connected && ctx.state.guiding) await guider.stop();
  ctx.state.guiding = false;
}

export async function dither(ctx: RunContext): Promise<void> {
  // The simulated and INDI guiders have no dither command; a restart of guiding re-acquires, as PHD2's dither settles.
  const guider = ctx.registry.require('guider');
  await guider.stop();
  await guider.start(false);
  ctx.state.exposuresSinceDither = 0;
  ctx.publish('GUIDER-DITHER');
}

export async function runAutofocus(ctx: RunContext, signal: AbortSignal): Promise<void> {
  const result = await ctx.autofocus.run(signal);
  const s = ctx.state;
  s.autofocusRuns++;
  s.exposuresSinceAutofocus = 0;
  s.hfrSinceAutofocus = [];
  s.autofocusFilter = s.filter;
  const focuser = ctx.registry.get('focuser');
  s.autofocusTemperature = focuser.connected ? focuser.status().temperature : null;
  ctx.log('', 'Run Autofocus', 'INFO', `position ${result.position}, HFR ${result.hfr.toFixed(2)}`);
}
