import { Injectable, Logger } from '@nestjs/common';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { imageStatistics } from '../drivers/image/image-analysis';
import type { ImageType } from '../drivers/contract/device-interfaces';
import { CaptureService } from '../image/capture.service';
import { NinaError } from '../nina/envelope';
import { ProfileService } from '../profile/profile.service';
import { FlatSearchFailed, searchFlatLevel } from './flat-exposure-search';

export type FlatMode = 'skyflat' | 'auto-brightness' | 'auto-exposure' | 'trained-flat' | 'trained-dark-flat';

/** What a flats route asks for; unset values come from the profile (FlatWizardSettings) and the devices. */
export interface FlatRequest {
  mode: FlatMode;
  count?: number;
  filterId?: number;
  binning?: number;
  gain?: number;
  offset?: number;
  minExposure?: number;
  maxExposure?: number;
  /** Fixed exposure time of auto-brightness flats. */
  exposureTime?: number;
  minBrightness?: number;
  maxBrightness?: number;
  /** Fixed panel brightness of auto-exposure flats. */
  brightness?: number;
  /** Target mean as a share of the full ADU range (HistogramMeanTarget). */
  histogramMean?: number;
  /** Allowed deviation as a share of the target (HistogramTolerance). */
  meanTolerance?: number;
  /** Leave the panel closed afterwards. */
  keepClosed?: boolean;
}

/** ninaAPI's flats/status answer; idle (and finished) is {Finished, -1, -1}. */
export interface FlatStatus {
  State: 'Running' | 'Finished';
  TotalIterations: number;
  CompletedIterations: number;
}

/** Exposure and brightness the wizard found, per filter/binning/gain/offset (N.I.N.A.'s trained flat settings). */
interface TrainedFlat {
  exposure: number;
  brightness: number;
}

/** The profile's FlatWizardSettings with N.I.N.A.'s defaults (FlatWizardSettings.cs). */
const NINA_DEFAULTS = { FlatCount: 10, HistogramMeanTarget: 0.5, HistogramTolerance: 0.1 };

/**
 * N.I.N.A.'s flat wizard behind ninaAPI's flats routes: the exposure time (auto-exposure,
 * sky flats) or the panel brightness (auto-brightness) is searched toward the target mean
 * with frames that are not saved, then `count` flats are captured and saved as FLAT (sky flats
 * correct the time after every frame as the twilight fades). Trained flats reuse what an earlier
 * run found for the same filter, binning, gain and offset; trained dark flats take darks with the
 * panel dark at that exposure. One process at a time; flats/stop cancels it.
 */
@Injectable()
export class FlatWizardService {
  private readonly logger = new Logger('FlatWizard');
  private readonly trained = new Map<string, TrainedFlat>();
  private process: { total: number; completed: number; abort: AbortController; done: Promise<void> } | null = null;

  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly capture: CaptureService,
    private readonly profile: ProfileService,
  ) {}

  status(): FlatStatus {
    const p = this.process;
    return p ? { State: 'Running', TotalIterations: p.total, CompletedIterations: p.completed } : { State: 'Finished', TotalIterations: -1, CompletedIterations: -1 };
  }

  /** Checks the request (ninaAPI's texts) and starts the process; resolves once it runs. */
  start(request: FlatRequest): { done: Promise<void> } {
    if (this.process) throw new NinaError('Process already running', 400);
    const camera = this.registry.get('camera');
    if (!camera.connected) throw new NinaError('Camera not connected', 400);
    const status = camera.status();
    if (request.filterId !== undefined && (request.filterId < 0 || request.filterId >= this.profile.filterNames().length)) throw new NinaError('Filter not available', 400);
    if (request.binning !== undefined && request.binning > status.maxBin) throw new NinaError('Binning not available', 400);
    if (request.gain !== undefined && (request.gain < 0 || request.gain > status.gainMax)) throw new NinaError('Invalid gain', 400);
    if (request.offset !== undefined && (request.offset < 0 || request.offset > status.offsetMax)) throw new NinaError('Invalid offset', 400);
    const issues = this.issues(request);
    if (issues.length > 0) throw new FlatIssues(issues);
    const total = request.count ?? this.wizardSetting('FlatCount');
    const abort = new AbortController();
    const process = { total, completed: 0, abort, done: Promise.resolve() };
    process.done = this.execute(request, total, abort.signal, () => process.completed++)
      .catch((err: Error) => {
        if (err.name !== 'AbortError') this.logger.warn(`flats ended: ${err.message}`);
      })
      .finally(() => {
        this.process = null;
      });
    this.process = process;
    return { done: process.done };
  }

  stop(): void {
    if (!this.process) throw new NinaError('No process running', 400);
    this.process.abort.abort();
    void this.registry.get('camera').abortExposure();
  }

  /** N.I.N.A.'s Validate(): what is missing for the mode (answered as "Issues found" with the list). */
  private issues(r: FlatRequest): string[] {
    const issues: string[] = [];
    const needsPanel = r.mode !== 'skyflat';
    if (needsPanel && !this.registry.connected('flatdevice')) issues.push('Flat panel not connected');
    if (r.mode === 'skyflat' && !this.registry.connected('mount')) issues.push('Mount not connected');
    if ((r.mode === 'trained-flat' || r.mode === 'trained-dark-flat') && !this.trained.has(this.trainedKey(r))) {
      issues.push(`No trained flat exposure for filter ${this.filterName(r) || '(none)'}, binning ${this.binning(r)}x${this.binning(r)}, gain ${this.gain(r)}, offset ${this.offset(r)}`);
    }
    return issues;
  }

  private async execute(r: FlatRequest, total: number, signal: AbortSignal, onFlat: () => void): Promise<void> {
    await this.prepareCamera(r);
    const target = { mean: (r.histogramMean ?? this.wizardSetting('HistogramMeanTarget')) * 65535, tolerance: r.meanTolerance ?? this.wizardSetting('HistogramTolerance') };
    const key = this.trainedKey(r);
    let exposure: number;
    let brightness = 0;
    const panelMax = () => this.registry.require('flatdevice').status().maxBrightness;
    switch (r.mode) {
      case 'auto-exposure':
        brightness = r.brightness ?? panelMax();
        await this.panel(true, brightness);
        exposure = await this.search({ min: r.minExposure ?? 0.01, max: r.maxExposure ?? 30 }, target, (t) => this.meanOf(t, 'FLAT', signal));
        break;
      case 'auto-brightness': {
        exposure = r.exposureTime ?? 1;
        const flat = this.registry.require('flatdevice').status();
        await this.panel(true, flat.minBrightness);
        brightness = await this.search({ min: r.minBrightness ?? flat.minBrightness, max: r.maxBrightness ?? flat.maxBrightness, integer: true }, target, async (b) => {
          await this.registry.require('flatdevice').setBrightness(b);
          return this.meanOf(exposure, 'FLAT', signal);
        });
        break;
      }
      case 'skyflat':
        exposure = await this.search({ min: r.minExposure ?? 0.01, max: r.maxExposure ?? 30 }, target, (t) => this.meanOf(t, 'FLAT', signal));
        break;
      case 'trained-flat':
      case 'trained-dark-flat':
        ({ exposure, brightness } = this.trained.get(key)!);
        await this.panel(r.mode === 'trained-flat', brightness);
        break;
    }
    if (r.mode === 'auto-exposure' || r.mode === 'auto-brightness') this.trained.set(key, { exposure, brightness });
    for (let i = 0; i < total; i++) {
      signal.throwIfAborted();
      const imageType: ImageType = r.mode === 'trained-dark-flat' ? 'DARK' : 'FLAT';
      const outcome = await this.capture.run({ getResult: false, waitForResult: true, onlyAwaitCaptureCompletion: false }, () => ({ durationSeconds: exposure, imageType, targetName: '' }));
      onFlat();
      // The twilight sky fades: scale the next exposure by how far this frame's mean missed.
      if (r.mode === 'skyflat' && 'capture' in outcome) {
        const mean = outcome.capture.statistics.mean;
        if (mean > 0) exposure = Math.min(r.maxExposure ?? 30, Math.max(r.minExposure ?? 0.01, (exposure * target.mean) / mean));
      }
    }
    if (r.mode !== 'skyflat' && this.registry.connected('flatdevice')) {
      await this.registry.require('flatdevice').setLight(false);
      if (!r.keepClosed && this.registry.require('flatdevice').status().supportsOpenClose) await this.registry.require('flatdevice').setCover(false);
    }
  }

  private async search(range: { min: number; max: number; integer?: boolean }, target: { mean: number; tolerance: number }, measure: (v: number) => Promise<number>): Promise<number> {
    try {
      return (await searchFlatLevel(range, target, measure)).value;
    } catch (err) {
      if (err instanceof FlatSearchFailed) this.logger.warn(err.message);
      throw err;
    }
  }

  private async meanOf(seconds: number, imageType: ImageType, signal: AbortSignal): Promise<number> {
    const frame = await this.capture.exposeUnsaved(seconds, imageType, signal);
    return imageStatistics(frame.pixels).mean;
  }

  private async panel(lit: boolean, brightness: number): Promise<void> {
    const flat = this.registry.require('flatdevice');
    if (flat.status().supportsOpenClose && flat.status().coverState !== 'Closed') await flat.setCover(true);
    if (lit) await flat.setBrightness(brightness);
    await flat.setLight(lit);
  }

  private async prepareCamera(r: FlatRequest): Promise<void> {
    const camera = this.registry.require('camera');
    if (r.binning !== undefined) await camera.setBinning(r.binning, r.binning);
    if (r.gain !== undefined) await camera.setGain(r.gain);
    if (r.offset !== undefined) await camera.setOffset(r.offset);
    if (r.filterId !== undefined) await this.registry.require('filterwheel').setPosition(r.filterId);
  }

  private wizardSetting(key: keyof typeof NINA_DEFAULTS): number {
    return Number(this.profile.setting('FlatWizardSettings', key, NINA_DEFAULTS[key]));
  }

  private filterName(r: FlatRequest): string {
    if (r.filterId !== undefined) return this.profile.filterNames()[r.filterId] ?? '';
    const wheel = this.registry.get('filterwheel');
    return wheel.connected ? (this.profile.filterNames()[wheel.status().position] ?? '') : '';
  }

  private binning(r: FlatRequest): number {
    return r.binning ?? this.registry.get('camera').status().binX;
  }

  private gain(r: FlatRequest): number {
    return r.gain ?? this.registry.get('camera').status().gain;
  }

  private offset(r: FlatRequest): number {
    return r.offset ?? this.registry.get('camera').status().offset;
  }

  private trainedKey(r: FlatRequest): string {
    return JSON.stringify([this.filterName(r), this.binning(r), this.gain(r), this.offset(r)]);
  }
}

/** ninaAPI answers a failed Validate() with 400 "Issues found" and the list in Response. */
export class FlatIssues extends NinaError {
  constructor(readonly issues: string[]) {
    super('Issues found', 400);
  }
}
