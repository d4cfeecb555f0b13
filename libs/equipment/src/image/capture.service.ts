import { Injectable, Logger } from '@nestjs/common';
import { Clock, EventBus } from '@app/core';
import { type NinaPlateSolveResult, toNinaPlateSolveResult } from '@app/plate-solver';
import { EquipmentRegistry } from '../devices/equipment-registry';
import type { ImageType, RawFrame } from '../drivers/contract/device-interfaces';
import { NinaError } from '../nina/envelope';
import { ProfileService } from '../profile/profile.service';
import { PlateSolveService } from '../solving/plate-solve.service';
import { CAPTURE_SAVED } from './capture-events';
import { exposureContext } from './exposure-context';
import { ImageArchive, type ArchivedImage } from './image-archive.service';
import type { ImageStatistics, StarDetection } from '../drivers/image/image-analysis';

export interface CaptureRequest {
  durationSeconds?: number;
  gain?: number;
  imageType: ImageType;
  targetName: string;
  /** Plate solve the saved frame (ninaAPI's solve=true): the result joins the capture and its WCS the FITS header. */
  solve?: boolean;
}

/** The last finished capture: its pixels stay in memory for getResult and prepared-image. */
export interface FinishedCapture {
  frame: RawFrame;
  statistics: ImageStatistics;
  detection: StarDetection;
  archived: ArchivedImage;
  /** N.I.N.A.'s PlateSolveResult when the capture was solved. */
  plateSolve?: NinaPlateSolveResult;
}

/** How a camera/capture call behaves (ninaAPI's CameraCapture flags). */
export interface CaptureFlow {
  /** Answer with the last capture instead of starting one (unless waitForResult). */
  getResult: boolean;
  /** Start and answer with the capture once it is saved. */
  waitForResult: boolean;
  /** Start and answer once the camera stops exposing. */
  onlyAwaitCaptureCompletion: boolean;
}

/** A capture call ends with a status text for the envelope, or with the capture to answer with. */
export type CaptureFlowOutcome = { message: string } | { capture: FinishedCapture };

/**
 * ninaAPI's capture flow (A.5): start returns at once and a background task exposes, announces
 * the frame as IMAGE-PREPARED, measures, writes the FITS file, records it and announces it
 * (equipment.capture-saved, which /v2/socket shows as IMAGE-SAVE), then API-CAPTURE-FINISHED.
 * In N.I.N.A. the save runs in a queue, so IMAGE-SAVE may trail API-CAPTURE-FINISHED there;
 * here it always comes first, so a client reading image-history on API-CAPTURE-FINISHED finds
 * the frame.
 */
/** A capture under way: its exposure, then the whole task (save, history, events). */
interface RunningCapture {
  exposed: Promise<void>;
  done: Promise<void>;
}

@Injectable()
export class CaptureService {
  private readonly logger = new Logger('Capture');
  private running: RunningCapture | null = null;
  private prepared: RawFrame | null = null;
  private last: FinishedCapture | null = null;

  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly profile: ProfileService,
    private readonly archive: ImageArchive,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly solving: PlateSolveService,
  ) {}

  get lastCapture(): FinishedCapture | null {
    return this.last;
  }

  /** The frame of the last IMAGE-PREPARED (prepared-image), which may still be being saved. */
  get preparedFrame(): RawFrame | null {
    return this.prepared;
  }

  /**
   * Start, poll (getResult) or wait (waitForResult / onlyAwaitCaptureCompletion), as ninaAPI's
   * CameraCapture. The request is read only when a capture starts, after the camera check.
   */
  async run(flow: CaptureFlow, request: () => CaptureRequest): Promise<CaptureFlowOutcome> {
    if (flow.getResult && !flow.waitForResult) {
      if (this.running) return { message: 'Capture already in progress' };
      return { capture: this.result() };
    }
    this.registry.require('camera');
    const capture = await this.start(request());
    if (flow.waitForResult) {
      await capture.done;
      return { capture: this.result() };
    }
    if (flow.onlyAwaitCaptureCompletion) {
      await capture.exposed;
      return { message: 'Capture finished' };
    }
    return { message: 'Capture started' };
  }

  private async start(request: CaptureRequest): Promise<RunningCapture> {
    const camera = this.registry.require('camera');
    if (this.running || camera.status().state !== 'Idle') throw new NinaError('Camera currently exposing', 409);
    const gain = this.gainFor(request);
    if (gain !== undefined) await camera.setGain(gain);
    const duration = request.durationSeconds !== undefined && request.durationSeconds > 0 ? request.durationSeconds : this.profile.setting('PlateSolveSettings', 'ExposureTime', 2);
    const context = exposureContext(this.registry, this.profile);
    const startedAt = this.clock.now();
    const exposure = camera.expose({ durationSeconds: duration, imageType: request.imageType, context });
    const saved = exposure.then(async (frame) => {
      // N.I.N.A. raises ImagePrepared (IMAGE-PREPARED) once the frame can be shown, before it
      // is saved: clients load prepared-image on it while the FITS file is still being written.
      this.prepared = frame;
      this.registry.publish('IMAGE-PREPARED');
      const s = camera.status();
      const telescope = this.profile.setting('TelescopeSettings', 'Name', '');
      const archived = await this.archive.save(frame, {
        capturedAt: startedAt,
        exposureSeconds: duration,
        imageType: request.imageType,
        gain: s.gain,
        offset: s.offset,
        binning: s.binX,
        cameraName: camera.identity.name,
        telescopeName: telescope,
        focalLength: this.profile.setting('TelescopeSettings', 'FocalLength', 0),
        pixelSizeUm: s.pixelSizeUm,
        filter: context.filter ?? '',
        targetName: request.targetName,
        temperature: s.temperature,
        raDeg: context.raDeg,
        decDeg: context.decDeg,
        filePattern: this.filePattern(request.imageType),
      });
      const plateSolve = request.solve ? await this.solve(archived, s.binX) : undefined;
      this.last = { frame, statistics: archived.statistics, detection: archived.detection, archived, plateSolve };
      const { filePath, statistics } = archived.record;
      this.bus.publish(CAPTURE_SAVED, { path: filePath, telescope, capturedAt: startedAt, statistics });
    });
    const capture: RunningCapture = {
      exposed: exposure.then(
        () => undefined,
        () => undefined,
      ),
      done: saved.then(
        () => {
          // Freed before API-CAPTURE-FINISHED goes out: a client, or an in-process subscriber
          // (the bus is synchronous), may start the next capture from that very event.
          this.forget(capture);
          this.registry.publish('API-CAPTURE-FINISHED');
        },
        (err: Error) => {
          this.forget(capture);
          if (err.name !== 'AbortError') this.logger.error(`capture failed: ${err.message}`);
        },
      ),
    };
    this.running = capture;
    return capture;
  }

  /**
   * ninaAPI sets only a gain above 0; a SNAPSHOT that names none takes the profile's
   * SnapShotControlSettings-Gain when that is above 0 (N.I.N.A.'s default -1 keeps the camera's).
   */
  private gainFor(request: CaptureRequest): number | undefined {
    if (request.gain !== undefined && request.gain > 0) return request.gain;
    const snapshotGain = this.profile.setting('SnapShotControlSettings', 'Gain', -1);
    return request.imageType === 'SNAPSHOT' && request.gain === undefined && snapshotGain > 0 ? snapshotGain : undefined;
  }

  /**
   * One exposure that is measured but neither saved nor announced: autofocus points and the
   * flat wizard's exposure search (N.I.N.A. does not keep those either).
   */
  async exposeUnsaved(durationSeconds: number, imageType: ImageType, signal?: AbortSignal): Promise<RawFrame> {
    const camera = this.registry.require('camera');
    if (this.running || camera.status().state !== 'Idle') throw new NinaError('Camera currently exposing', 409);
    const exposure = camera.expose({ durationSeconds, imageType, context: exposureContext(this.registry, this.profile) });
    const abort = () => void camera.abortExposure();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      return await exposure;
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  /** N.I.N.A.'s GetFilePattern: FilePatternDARK / -BIAS / -FLAT when set, else FilePattern. */
  private filePattern(imageType: ImageType): string {
    const own = ['DARK', 'BIAS', 'FLAT'].includes(imageType) ? this.profile.setting('ImageFileSettings', `FilePattern${imageType}`, '') : '';
    return own || this.profile.setting('ImageFileSettings', 'FilePattern', '');
  }

  /** Solves the stored frame; a failure (or no solver) is a PlateSolveResult with Success false, as in N.I.N.A. */
  private async solve(archived: ArchivedImage, binning: number): Promise<NinaPlateSolveResult> {
    const solvedAt = this.clock.now();
    try {
      return toNinaPlateSolveResult(await this.solving.solveStored(archived.record.filePath, { binning }), { solvedAt });
    } catch (err) {
      this.logger.warn(`plate solve of ${archived.record.filePath} failed: ${(err as Error).message}`);
      return toNinaPlateSolveResult({ success: false, reason: (err as Error).message, durationMs: 0, solver: 'none' }, { solvedAt });
    }
  }

  private forget(capture: RunningCapture): void {
    if (this.running === capture) this.running = null;
  }

  /** The capture to answer getResult with, or ninaAPI's 409. */
  result(): FinishedCapture {
    if (!this.last) throw new NinaError('No capture processed', 409);
    return this.last;
  }
}
