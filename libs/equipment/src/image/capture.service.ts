import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/core';
import { EquipmentRegistry } from '../devices/equipment-registry';
import type { ExposureContext, ImageType, RawFrame } from '../drivers/device-interfaces';
import { SIMULATED_BEST_FOCUS } from '../drivers/simulator/simulated-optics';
import { NinaError } from '../nina/envelope';
import { ProfileService } from '../profile/profile.service';
import { ImageArchive, type ArchivedImage } from './image-archive.service';
import type { ImageStatistics, StarDetection } from './image-analysis';

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

/**
 * ninaAPI's capture flow (A.5): start returns at once and a background task exposes, measures,
 * writes the FITS file, records it and announces IMAGE-SAVE then API-CAPTURE-FINISHED.
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
  ) {}

  get inProgress(): boolean {
    return this.task !== null;
  }

  get lastCapture(): FinishedCapture | null {
    return this.last;
  }

  async start(request: CaptureRequest): Promise<void> {
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
        const archived = await this.archive.save(frame, {
          capturedAt: startedAt,
          exposureSeconds: duration,
          imageType: request.imageType,
          gain: s.gain,
          offset: s.offset,
          binning: s.binX,
          cameraName: camera.identity.name,
          telescopeName: this.profile.setting('TelescopeSettings', 'Name', ''),
          focalLength: this.profile.setting('TelescopeSettings', 'FocalLength', 0),
          pixelSizeUm: s.pixelSizeUm,
          filter: context.filter ?? '',
          targetName: request.targetName,
          temperature: s.temperature,
          raDeg: context.raDeg,
          decDeg: context.decDeg,
        });
        this.last = { frame, statistics: archived.statistics, detection: archived.detection, archived };
        this.registry.publish('IMAGE-SAVE', { ImageStatistics: archived.record.statistics });
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

  /** Resolves when the camera stops exposing (onlyAwaitCaptureCompletion). */
  async untilExposed(): Promise<void> {
    await this.exposing;
  }

  /** Resolves when the whole task (save, history, events) is done (waitForResult). */
  async untilFinished(): Promise<void> {
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
    if (focuser.connected) context.focusError = focuser.status().position - SIMULATED_BEST_FOCUS;
    const wheel = this.registry.get('filterwheel');
    if (wheel.connected) context.filter = this.profile.filterNames()[wheel.status().position] ?? '';
    return context;
  }
}
