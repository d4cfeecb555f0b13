import { Injectable, Logger } from '@nestjs/common';
import { Clock, EventBus } from '@app/core';
import { EquipmentRegistry } from '../devices/equipment-registry';
import type { ExposureContext, ImageType, RawFrame } from '../drivers/contract/device-interfaces';
import { NinaError } from '../nina/envelope';
import { ProfileService } from '../profile/profile.service';
import { CAPTURE_SAVED } from './capture-events';
import { ImageArchive, type ArchivedImage } from './image-archive.service';
import type { ImageStatistics, StarDetection } from '../drivers/image/image-analysis';

export interface CaptureRequest {
  durationSeconds?: number;
  gain?: number;
  imageType: ImageType;
  targetName: string;
}

/** The last finished capture: its pixels stay in memory for getResult and prepared-image. */
export interface FinishedCapture {
  frame: RawFrame;
  statistics: ImageStatistics;
  detection: StarDetection;
  archived: ArchivedImage;
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
 * ninaAPI's capture flow (A.5): start returns at once and a background task exposes, measures,
 * writes the FITS file, records it and announces it (equipment.capture-saved, which /v2/socket
 * shows as IMAGE-SAVE) then API-CAPTURE-FINISHED.
 */
@Injectable()
export class CaptureService {
  private readonly logger = new Logger('Capture');
  private exposing: Promise<void> | null = null;
  private task: Promise<void> | null = null;
  private last: FinishedCapture | null = null;

  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly profile: ProfileService,
    private readonly archive: ImageArchive,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  get lastCapture(): FinishedCapture | null {
    return this.last;
  }

  /**
   * Start, poll (getResult) or wait (waitForResult / onlyAwaitCaptureCompletion), as ninaAPI's
   * CameraCapture. The request is read only when a capture starts, after the camera check.
   */
  async run(flow: CaptureFlow, request: () => CaptureRequest): Promise<CaptureFlowOutcome> {
    if (flow.getResult && !flow.waitForResult) {
      if (this.task) return { message: 'Capture already in progress' };
      return { capture: this.result() };
    }
    this.registry.require('camera');
    await this.start(request());
    if (flow.waitForResult) {
      await this.untilFinished();
      return { capture: this.result() };
    }
    if (flow.onlyAwaitCaptureCompletion) {
      await this.untilExposed();
      return { message: 'Capture finished' };
    }
    return { message: 'Capture started' };
  }

  private async start(request: CaptureRequest): Promise<void> {
    const camera = this.registry.require('camera');
    if (this.task || camera.status().state !== 'Idle') throw new NinaError('Camera currently exposing', 409);
    if (request.gain !== undefined && request.gain > 0) await camera.setGain(request.gain);
    const duration = request.durationSeconds !== undefined && request.durationSeconds > 0 ? request.durationSeconds : this.profile.setting('PlateSolveSettings', 'ExposureTime', 2);
    const context = this.exposureContext();
    const startedAt = this.clock.now();
    const exposure = camera.expose({ durationSeconds: duration, imageType: request.imageType, context });
    this.exposing = exposure.then(
      () => undefined,
      () => undefined,
    );
    this.task = exposure
      .then(async (frame) => {
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
        });
        this.last = { frame, statistics: archived.statistics, detection: archived.detection, archived };
        const { filePath, statistics } = archived.record;
        this.bus.publish(CAPTURE_SAVED, { path: filePath, telescope, capturedAt: startedAt, statistics });
        this.registry.publish('API-CAPTURE-FINISHED');
      })
      .catch((err: Error) => {
        if (err.name !== 'AbortError') this.logger.error(`capture failed: ${err.message}`);
      })
      .finally(() => {
        this.task = null;
        this.exposing = null;
      });
  }

  /**
   * One exposure that is measured but neither saved nor announced: autofocus points and the
   * flat wizard's exposure search (N.I.N.A. does not keep those either).
   */
  async exposeUnsaved(durationSeconds: number, imageType: ImageType, signal?: AbortSignal): Promise<RawFrame> {
    const camera = this.registry.require('camera');
    if (this.task || camera.status().state !== 'Idle') throw new NinaError('Camera currently exposing', 409);
    const exposure = camera.expose({ durationSeconds, imageType, context: this.exposureContext() });
    const abort = () => void camera.abortExposure();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      return await exposure;
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  /** Resolves when the camera stops exposing (onlyAwaitCaptureCompletion). */
  private async untilExposed(): Promise<void> {
    await this.exposing;
  }

  /** Resolves when the whole task (save, history, events) is done (waitForResult). */
  private async untilFinished(): Promise<void> {
    await this.task;
  }

  /** The capture to answer getResult with, or ninaAPI's 409. */
  result(): FinishedCapture {
    if (!this.last) throw new NinaError('No capture processed', 409);
    return this.last;
  }

  private exposureContext(): ExposureContext {
    const context: ExposureContext = {};
    const mount = this.registry.get('mount');
    if (mount.connected) {
      const s = mount.status();
      context.raDeg = s.raHours * 15;
      context.decDeg = s.decDeg;
    }
    const focuser = this.registry.get('focuser');
    if (focuser.connected) context.focuserPosition = focuser.status().position;
    const wheel = this.registry.get('filterwheel');
    if (wheel.connected) context.filter = this.profile.filterNames()[wheel.status().position] ?? '';
    const panel = this.registry.get('flatdevice');
    if (panel.connected) {
      const p = panel.status();
      if (p.lightOn) context.flatPanelLevel = p.maxBrightness > p.minBrightness ? (p.brightness - p.minBrightness) / (p.maxBrightness - p.minBrightness) : 1;
    }
    return context;
  }
}
