import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { coordinates } from '../info/nina-info';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { ProfileService } from '../profile/profile.service';
import { CaptureService } from '../image/capture.service';
import { NinaError } from '../nina/envelope';
import { PlateSolving } from '../plate-solving/plate-solving';

/** N.I.N.A.'s SkySurveySource names (framing/set-source). */
export const SKY_SURVEY_SOURCES = ['NASA', 'SKYSERVER', 'STSCI', 'ESO', 'HIPS2FITS', 'SKYATLAS', 'FILE', 'CACHE'] as const;
export type SkySurveySource = (typeof SKY_SURVEY_SOURCES)[number];

function split(value: number): [number, number, number] {
  const abs = Math.abs(value);
  const whole = Math.floor(abs);
  const minutes = Math.floor((abs - whole) * 60);
  const seconds = ((abs - whole) * 60 - minutes) * 60;
  return [Math.sign(value) * whole, minutes, seconds];
}

/** The framing assistant without images: a target, a rotation, and the camera field computed from the profile. */
@Injectable()
export class FramingService {
  private raDeg = 0;
  private decDeg = 0;
  private rotation = 0;
  private source: SkySurveySource = 'HIPS2FITS';

  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly profile: ProfileService,
    private readonly clock: Clock,
    private readonly capture: CaptureService,
    private readonly solver: PlateSolving,
  ) {}

  /** The survey the framing image would come from (Skygate renders none, so it is only kept). */
  setSource(source: SkySurveySource): void {
    this.source = source;
  }

  get surveySource(): SkySurveySource {
    return this.source;
  }

  /**
   * N.I.N.A.'s GetRotationFromCamera: a frame at the plate-solve exposure, solved, its position
   * angle becomes the framing rotation. 400 "Could not start process" without an idle camera.
   */
  async determineRotation(wait: boolean): Promise<void> {
    const camera = this.registry.get('camera');
    if (!camera.connected || camera.status().state !== 'Idle') throw new NinaError('Could not start process', 400);
    const run = async () => {
      const frame = await this.capture.exposeUnsaved(this.profile.setting('PlateSolveSettings', 'ExposureTime', 2), 'SNAPSHOT');
      const result = await this.solver.solve({ ...frame, binning: this.registry.get('camera').status().binX });
      this.rotation = result.PositionAngle;
    };
    if (wait) await run();
    else void run().catch(() => undefined);
  }

  setCoordinates(raDeg: number, decDeg: number): void {
    this.raDeg = raDeg;
    this.decDeg = decDeg;
  }

  setRotation(rotation: number): void {
    this.rotation = rotation;
  }

  /** The framing target (J2000 degrees) and rotation (degrees), for centring. */
  target(): { raDeg: number; decDeg: number; rotationDeg: number } {
    return { raDeg: this.raDeg, decDeg: this.decDeg, rotationDeg: this.rotation };
  }

  slew(): Promise<void> {
    return this.registry.require('mount').slew(this.raDeg, this.decDeg);
  }

  info() {
    const camera = this.registry.get('camera').status();
    const focalLength = this.profile.setting('TelescopeSettings', 'FocalLength', 480);
    const pixelSize = this.profile.setting('CameraSettings', 'PixelSize', camera.pixelSizeUm);
    const fov = this.profile.setting('FramingAssistantSettings', 'FieldOfView', 3);
    const [raH, raM, raS] = split(this.raDeg / 15);
    const [decD, decM, decS] = split(this.decDeg);
    // Frame size in arcminutes → in the framing image's pixels (the image spans `fov` degrees on 1000 px).
    const scale = 1000 / (fov * 60);
    const arcminPerPixel = ((pixelSize / focalLength) * 206.265) / 60;
    const frameW = camera.xSize * arcminPerPixel * scale;
    const frameH = camera.ySize * arcminPerPixel * scale;
    const coords = coordinates(this.raDeg / 15, this.decDeg, 'J2000', this.clock.now());
    return {
      BoundHeight: 1000,
      BoundWidth: 1000,
      CameraHeight: camera.ySize,
      CameraWidth: camera.xSize,
      CameraPixelSize: pixelSize,
      DecDegrees: decD,
      DecMinutes: decM,
      DecSeconds: decS,
      RAHours: raH,
      RAMinutes: raM,
      RASeconds: raS,
      FieldOfView: fov,
      FocalLength: focalLength,
      HorizontalPanels: 1,
      VerticalPanels: 1,
      Rectangle: {
        OriginalX: 500 - frameW / 2,
        OriginalY: 500 - frameH / 2,
        OriginalCoordinates: coords,
        Id: 0,
        Coordinates: coords,
        DSOPositionAngle: 0,
        OriginalOffset: 0,
        RotationOffset: 0,
        Rotation: this.rotation,
        TotalRotation: this.rotation,
        X: 500 - frameW / 2,
        Y: 500 - frameH / 2,
        Width: frameW,
        Height: frameH,
      },
    };
  }
}
