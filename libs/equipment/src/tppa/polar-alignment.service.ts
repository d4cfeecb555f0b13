import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/core';
import { j2000ToJNow, jNowToJ2000, localSiderealHours } from '../drivers/astro/astro';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { untilSlewEnds } from '../devices/slew-settle';
import { DeviceRefusal } from '../drivers/contract/device-driver';
import type { MountStatus, RawFrame } from '../drivers/contract/device-interfaces';
import { NinaError, ninaFailure, ninaOk, type NinaEnvelope } from '../nina/envelope';
import { exposureContext } from '../image/exposure-context';
import { ProfileService } from '../profile/profile.service';
import { FrameLocator } from './frame-locator';
import { errorOfAxis, estimateAxis, followAdjustment } from '../drivers/astro/polar-axis';

/** The start-alignment settings Skygate uses (the rest of TPPA's are accepted and ignored). */
export interface AlignmentSettings {
  ExposureTime?: number;
  Binning?: number;
  Gain?: number;
  /** Degrees the RA axis turns between points. */
  TargetDistance?: number;
  EastDirection?: boolean;
  ManualMode?: boolean;
}

type Listener = (message: NinaEnvelope) => void;
interface Run {
  stopped: boolean;
  /** Ends a plate solve under way when the run stops. */
  abort: AbortController;
  paused: boolean;
  wake?: () => void;
}

class AlignmentStopped extends Error {}

interface Exposed {
  frame: RawFrame;
  binning: number;
  at: Date;
  pointing: MountStatus;
}
interface Located {
  haDeg: number;
  decDeg: number;
  lstDeg: number;
  latitude: number;
}

/** Exposure, solve and move of three points, then the calculation. */
const STEPS = 3 + 3 + 2 + 1;
/** Exposures per point before a frame that does not solve fails the run. */
const SOLVE_ATTEMPTS = 3;

/**
 * Three-point polar alignment as N.I.N.A.'s TPPA plugin runs it for ninaAPI's /v2/tppa: expose,
 * plate solve the frame, turn the RA axis by TargetDistance, three times; the three
 * frame centres give the RA axis and so the error against the pole. Progress goes to every
 * subscriber as {Status, Progress 0..1}, the result as {AzimuthError, AltitudeError, TotalError}
 * (degrees). Then, as TPPA, it keeps exposing and sends the error again after every frame while
 * the user turns the bolts, until stopped. Pause and stop take effect between steps.
 */
@Injectable()
export class PolarAlignmentService {
  private readonly logger = new Logger('PolarAlignment');
  private readonly listeners = new Set<Listener>();
  private run: Run | null = null;

  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly profile: ProfileService,
    private readonly locator: FrameLocator,
    private readonly clock: Clock,
  ) {}

  get running(): boolean {
    return this.run !== null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(settings: AlignmentSettings): void {
    if (this.run) throw new NinaError('Alignment already running', 409);
    if (settings.ManualMode) throw new NinaError('ManualMode is not supported: Skygate turns the RA axis itself', 400);
    this.registry.require('camera');
    if (this.registry.require('mount').status().atPark) throw new NinaError('Mount parked', 409);
    const run: Run = { stopped: false, paused: false, abort: new AbortController() };
    this.run = run;
    // Started after the caller's reply ('started procedure') has gone out, as in TPPA.
    void Promise.resolve()
      .then(() => this.measure(run, settings))
      .catch((err: Error) => {
        if (err instanceof AlignmentStopped || run.stopped) return;
        const code = err instanceof NinaError || err instanceof DeviceRefusal ? err.code : 500;
        if (code === 500) this.logger.error(`polar alignment failed: ${err.message}`);
        this.emit(ninaFailure(code === 500 ? `Polar alignment failed: ${err.message}` : err.message, code, 'Socket'));
      })
      .finally(() => {
        if (this.run === run) this.run = null;
      });
  }

  stop(): void {
    const run = this.require();
    run.stopped = true;
    this.run = null;
    run.abort.abort();
    run.wake?.();
    const camera = this.registry.get('camera');
    if (camera.connected && camera.status().state === 'Exposing') void camera.abortExposure().catch(() => undefined);
  }

  pause(): void {
    this.require().paused = true;
  }

  resume(): void {
    const run = this.require();
    run.paused = false;
    run.wake?.();
  }

  emit(message: NinaEnvelope): void {
    for (const listener of this.listeners) listener(message);
  }

  private require(): Run {
    if (!this.run) throw new NinaError('No alignment running', 409);
    return this.run;
  }

  private async measure(run: Run, settings: AlignmentSettings): Promise<void> {
    let done = 0;
    const step = async (status: string) => {
      while (run.paused && !run.stopped) await new Promise<void>((wake) => (run.wake = wake));
      if (run.stopped) throw new AlignmentStopped();
      this.emit(ninaOk({ Status: status, Progress: Math.min(1, done / STEPS) }, 'Socket'));
    };
    const turn = (settings.TargetDistance ?? 10) * (settings.EastDirection === false ? -1 : 1);
    const points: Located[] = [];
    for (let point = 1; point <= 3; point++) {
      let exposed: Exposed | undefined;
      // A frame that does not solve (a cloud, a sparse field) is exposed again before the run fails.
      for (let attempt = 1; ; attempt++) {
        await step(`Exposing point ${point}`);
        exposed = await this.expose(settings);
        if (attempt === 1) done++;
        await step(`Solving point ${point}`);
        try {
          points.push(await this.locate(exposed, `point ${point}`, run.abort.signal));
          break;
        } catch (err) {
          if (attempt >= SOLVE_ATTEMPTS || !(err instanceof NinaError) || run.stopped) throw err;
        }
      }
      done++;
      if (point === 3) break;
      await step('Moving to next point');
      const mount = this.registry.require('mount');
      // The RA axis turns about the pole of date: the turn is made in coordinates of date.
      // (INDI mounts already report coordinates of date; the simulator J2000.)
      const { pointing } = exposed;
      const ofDate = pointing.epoch === 'JNOW' ? { raDeg: pointing.raHours * 15, decDeg: pointing.decDeg } : j2000ToJNow(pointing.raHours * 15, pointing.decDeg, exposed.at);
      const next = jNowToJ2000((((ofDate.raDeg + turn) % 360) + 360) % 360, ofDate.decDeg, exposed.at);
      await mount.slew(next.raDeg, next.decDeg);
      await untilSlewEnds(mount, run.abort.signal);
      done++;
    }
    await step('Calculating error');
    const latitude = points[2].latitude;
    let estimate = estimateAxis(points, latitude);
    done++;
    this.emit(ninaOk(errorOfAxis(estimate), 'Socket'));
    // Then, as TPPA, keep measuring while the user turns the bolts, until stopped.
    let last = points[2];
    for (let exposure = 1; ; exposure++) {
      await step(`Adjusting: exposure ${exposure}`);
      const now = await this.locate(await this.expose(settings), `adjustment exposure ${exposure}`, run.abort.signal);
      estimate = followAdjustment(estimate, last, (now.lstDeg - last.lstDeg + 360) % 360, now);
      last = now;
      if (run.stopped) throw new AlignmentStopped();
      this.emit(ninaOk(errorOfAxis(estimate), 'Socket'));
    }
  }

  private async expose(settings: AlignmentSettings): Promise<Exposed> {
    const camera = this.registry.require('camera');
    const mount = this.registry.require('mount');
    if (settings.Binning) await camera.setBinning(settings.Binning, settings.Binning);
    if (settings.Gain) await camera.setGain(settings.Gain);
    const at = this.clock.now();
    const pointing = mount.status();
    const exposure = settings.ExposureTime ?? this.profile.setting('PlateSolveSettings', 'ExposureTime', 2);
    const frame = await camera.expose({ durationSeconds: exposure, imageType: 'SNAPSHOT', context: exposureContext(this.registry, this.profile) });
    return { frame, binning: camera.status().binX, at, pointing };
  }

  /** Where the frame points (plate solved), as hour angle and declination of date. */
  private async locate({ frame, binning, at, pointing }: Exposed, what: string, signal: AbortSignal): Promise<Located> {
    const centre = await this.locator.locate({ frame, binning, at, signal }, what);
    const lstDeg = localSiderealHours(at, pointing.siteLongitude) * 15;
    return { haDeg: lstDeg - centre.raDeg, decDeg: centre.decDeg, lstDeg, latitude: pointing.siteLatitude };
  }
}
