import { Injectable, Logger } from '@nestjs/common';
import { Clock, EventBus } from '@app/core';
import { type NinaPlateSolveResult, toNinaPlateSolveResult } from '@app/plate-solver';
import { EquipmentRegistry } from '../devices/equipment-registry';
import type { CameraDriver, ImageType, RawFrame } from '../drivers/contract/device-interfaces';
import { NinaError } from '../nina/envelope';
import { ProfileService } from '../profile/profile.service';
import { PlateSolveService } from '../solving/plate-solve.service';
import { CAPTURE_SAVED } from './capture-events';
import { exposureContext } from './exposure-context';
import { ImageArchive, type ArchivedImage, type CaptureMetadata } from './image-archive.service';
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
 *
 * A sequence's frames (captureFrame) are pipelined as N.I.N.A.'s imaging mediator does: the
 * camera is free again once the frame is in memory, and saves run one after another in the
 * order of the frames, at most MAX_SAVES_IN_FLIGHT at a time.
 */
/** An API capture under way: its exposure, then the whole task (save, history, events). */
interface RunningCapture {
  exposed: Promise<void>;
  done: Promise<void>;
}

/** A frame in memory with what its save needs, read when it arrived (before the next exposure can change the camera). */
interface ExposedFrame {
  frame: RawFrame;
  meta: CaptureMetadata;
  telescope: string;
  solve: boolean;
}

/** Unsaved frames a pipelined capture may leave behind it (memory stays bounded: two frames). */
export const MAX_SAVES_IN_FLIGHT = 2;

const busy = () => new NinaError('Camera currently exposing', 409);

@Injectable()
export class CaptureService {
  private readonly logger = new Logger('Capture');
  private running: RunningCapture | null = null;
  /** An exposure through this service is between its start and its frame (any kind of capture). */
  private exposing = false;
  /** Saves queued or running, oldest first; each removes itself once settled. */
  private readonly saves: Promise<void>[] = [];
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
    if (this.running) throw busy();
    const { frame } = await this.beginExposure(request);
    const saved = frame.then((exposed) => this.queueSave(exposed));
    const capture: RunningCapture = {
      exposed: frame.then(
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
   * A sequence's frame (N.I.N.A.'s TakeExposure through the imaging mediator): resolves once the
   * frame is in memory and announced (IMAGE-PREPARED), so the next exposure can start at once.
   * `saved` settles when the frame is measured, written, recorded and announced (IMAGE-SAVE);
   * saves keep the order of the frames. No API-CAPTURE-FINISHED: that event is ninaAPI's
   * camera/capture's own. Waits first while MAX_SAVES_IN_FLIGHT saves are pending.
   */
  async captureFrame(request: CaptureRequest, signal?: AbortSignal): Promise<{ saved: Promise<FinishedCapture> }> {
    await this.savesBelow(MAX_SAVES_IN_FLIGHT);
    const { frame, camera } = await this.beginExposure(request);
    const abort = () => void camera.abortExposure();
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const saved = this.queueSave(await frame);
      saved.catch((err: Error) => this.logger.error(`saving a sequence frame failed: ${err.message}`));
      return { saved };
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  /** Resolves once fewer than `count` saves are pending (1: every frame taken so far is saved). */
  async savesBelow(count: number): Promise<void> {
    while (this.saves.length >= Math.max(1, count)) await this.saves[0];
  }

  /** The camera, claimed for one exposure; "Camera currently exposing" when it is busy. */
  private claimCamera(): CameraDriver {
    const camera = this.registry.require('camera');
    if (this.exposing || camera.status().state !== 'Idle') throw busy();
    this.exposing = true;
    return camera;
  }

  /**
   * Claims the camera, sets the gain and starts the exposure (rejecting when that fails);
   * `frame` resolves with the frame in memory, announced as IMAGE-PREPARED, the camera free.
   */
  private async beginExposure(request: CaptureRequest): Promise<{ frame: Promise<ExposedFrame>; camera: CameraDriver }> {
    const camera = this.claimCamera();
    let exposure: Promise<RawFrame>;
    let meta: Omit<CaptureMetadata, 'gain' | 'offset' | 'binning' | 'pixelSizeUm' | 'temperature'>;
    try {
      const gain = this.gainFor(request);
      if (gain !== undefined) await camera.setGain(gain);
      const duration = request.durationSeconds !== undefined && request.durationSeconds > 0 ? request.durationSeconds : this.profile.setting('PlateSolveSettings', 'ExposureTime', 2);
      const context = exposureContext(this.registry, this.profile);
      meta = {
        capturedAt: this.clock.now(),
        exposureSeconds: duration,
        imageType: request.imageType,
        cameraName: camera.identity.name,
        telescopeName: this.profile.setting('TelescopeSettings', 'Name', ''),
        focalLength: this.profile.setting('TelescopeSettings', 'FocalLength', 0),
        filter: context.filter ?? '',
        targetName: request.targetName,
        raDeg: context.raDeg,
        decDeg: context.decDeg,
        filePattern: this.filePattern(request.imageType),
      };
      exposure = camera.expose({ durationSeconds: duration, imageType: request.imageType, context });
    } catch (err) {
      this.exposing = false;
      throw err;
    }
    const frame = exposure
      .then((pixels): ExposedFrame => {
        // N.I.N.A. raises ImagePrepared (IMAGE-PREPARED) once the frame can be shown, before it
        // is saved: clients load prepared-image on it while the FITS file is still being written.
        this.prepared = pixels;
        this.registry.publish('IMAGE-PREPARED');
        const s = camera.status();
        return { frame: pixels, meta: { ...meta, gain: s.gain, offset: s.offset, binning: s.binX, pixelSizeUm: s.pixelSizeUm, temperature: s.temperature }, telescope: meta.telescopeName, solve: request.solve === true };
      })
      .finally(() => (this.exposing = false));
    return { frame, camera };
  }

  /** Saves run one after another, in the order the frames arrived. */
  private queueSave(exposed: ExposedFrame): Promise<FinishedCapture> {
    const saved = (this.saves.at(-1) ?? Promise.resolve()).then(() => this.save(exposed));
    const settled: Promise<void> = saved.then(
      () => this.saves.splice(this.saves.indexOf(settled), 1) && undefined,
      () => this.saves.splice(this.saves.indexOf(settled), 1) && undefined,
    );
    this.saves.push(settled);
    return saved;
  }

  private async save({ frame, meta, telescope, solve }: ExposedFrame): Promise<FinishedCapture> {
    const archived = await this.archive.save(frame, meta);
    const plateSolve = solve ? await this.solve(archived, meta.binning) : undefined;
    const capture: FinishedCapture = { frame, statistics: archived.statistics, detection: archived.detection, archived, plateSolve };
    this.last = capture;
    const { filePath, statistics } = archived.record;
    this.bus.publish(CAPTURE_SAVED, { path: filePath, telescope, capturedAt: meta.capturedAt, statistics });
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
    const camera = this.claimCamera();
    const abort = () => void camera.abortExposure();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      return await camera.expose({ durationSeconds, imageType, context: exposureContext(this.registry, this.profile) });
    } finally {
      this.exposing = false;
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
