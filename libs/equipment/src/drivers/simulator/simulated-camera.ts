import type { Clock } from '@app/core';
import { DeviceRefusal } from '../contract/device-driver';
import type { CameraDriver, CameraStatus, ExposureRequest, RawFrame } from '../contract/device-interfaces';
import { arcsecPerPixel, fieldRadiusDeg, renderStarField as renderSky } from '@app/plate-solver';
import { BASE_SIGMA_PX, renderStarField } from '../image/star-field';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';
import { SIMULATED_BEST_FOCUS } from './simulated-focuser';
import { SIMULATED_FOCAL_LENGTH_MM, type SimulatedSky, simulatorCatalogue } from './simulated-sky';

/** The synthetic field's levels, kept for the real sky: bias, sky glow, read noise (ADU), star size (unbinned px). */
const BIAS_ADU = 300;
const SKY_ADU_PER_SECOND = 30;
const READ_NOISE_ADU = 4;
/** Flux of a magnitude-10 star per second at unity gain and binning (ADU). */
const MAG10_ADU_PER_SECOND = 20_000;
const HFR_PER_SIGMA = Math.sqrt(2 * Math.LN2);

export class ExposureAbortedError extends Error {
  constructor() {
    super('Exposure aborted');
    this.name = 'AbortError';
  }
}

/** Focuser steps per pixel of defocus blur. */
const STEPS_PER_BLUR_PX = 600;
/** ADU per second a fully lit flat panel adds (gain 0, bin 1); a twilight sky flat gives SKY_FLAT_ADU_PER_SECOND. */
const PANEL_ADU_PER_SECOND = 60_000;
const SKY_FLAT_ADU_PER_SECOND = 8_000;

/**
 * Defocus adds in quadrature to the seeing blur, so the star size over focuser position is a
 * hyperbola with its minimum at SIMULATED_BEST_FOCUS (the curve N.I.N.A.'s autofocus fits).
 */
function defocusBlur(position: number | undefined): number {
  if (position === undefined) return 0;
  const defocus = (position - SIMULATED_BEST_FOCUS) / STEPS_PER_BLUR_PX;
  return Math.sqrt(BASE_SIGMA_PX * BASE_SIGMA_PX + defocus * defocus) - BASE_SIGMA_PX;
}

/** FLAT frames: the lit panel's share of its output, or the twilight sky without a lit panel. */
function flatIllumination(panelLevel: number | undefined): number {
  return panelLevel === undefined ? SKY_FLAT_ADU_PER_SECOND : panelLevel * PANEL_ADU_PER_SECOND;
}

/**
 * A 1280×1024 16-bit mono camera that images the real sky (Tycho-2 stars from the astrometry.net
 * index files) where the simulated mount truly points, through the profile's focal length, turned
 * by the rotator; a synthetic field when the index files are missing. DARK and BIAS frames have
 * no stars; the focuser's distance from best focus blurs them.
 */
export class SimulatedCamera extends SimulatedDevice implements CameraDriver {
  readonly type = 'camera' as const;
  private s: CameraStatus = {
    state: 'Idle',
    exposureEnd: null,
    xSize: 1280,
    ySize: 1024,
    pixelSizeUm: 3.76,
    bitDepth: 16,
    binX: 1,
    binY: 1,
    maxBin: 4,
    gain: 100,
    gainMin: 0,
    gainMax: 300,
    offset: 10,
    offsetMin: 0,
    offsetMax: 100,
    temperature: 15,
    setPoint: 15,
    coolerOn: false,
    coolerPower: 0,
    canSetTemperature: true,
    hasDewHeater: true,
    dewHeaterOn: false,
    readoutModes: ['Normal', 'High speed'],
    readoutMode: 0,
    usbLimit: { value: 40, min: 0, max: 100 },
    exposureMin: 0,
    exposureMax: 3600,
    lastDownloadSeconds: 0,
  };
  private frames = 0;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly sky?: SimulatedSky,
  ) {
    super(simulatorIdentity('Camera Simulator', 'skygate.sim.camera'));
  }

  status(): CameraStatus {
    return { ...this.s, readoutModes: [...this.s.readoutModes], usbLimit: this.s.usbLimit && { ...this.s.usbLimit } };
  }

  setBinning(x: number, y: number): Promise<void> {
    if (x !== y || !Number.isInteger(x) || x < 1 || x > this.s.maxBin) throw new DeviceRefusal('Invalid binning mode', 409);
    this.s.binX = x;
    this.s.binY = y;
    return Promise.resolve();
  }

  setGain(gain: number): Promise<void> {
    if (gain < this.s.gainMin || gain > this.s.gainMax) throw new DeviceRefusal('Invalid gain', 400);
    this.s.gain = Math.round(gain);
    return Promise.resolve();
  }

  setOffset(offset: number): Promise<void> {
    if (offset < this.s.offsetMin || offset > this.s.offsetMax) throw new DeviceRefusal('Invalid offset', 400);
    this.s.offset = Math.round(offset);
    return Promise.resolve();
  }

  setReadoutMode(mode: number): Promise<void> {
    if (!Number.isInteger(mode) || mode < 0 || mode >= this.s.readoutModes.length) throw new DeviceRefusal('Invalid readout mode', 400);
    this.s.readoutMode = mode;
    return Promise.resolve();
  }

  /** The simulated sensor reaches the set point at once. */
  setCooling(setPoint: number | null): Promise<void> {
    if (setPoint === null) {
      Object.assign(this.s, { coolerOn: false, coolerPower: 0, temperature: 15, setPoint: 15 });
    } else {
      this.requireRange('temperature', setPoint, -40, 30);
      Object.assign(this.s, { coolerOn: true, setPoint, temperature: setPoint, coolerPower: Math.max(0, Math.min(100, (15 - setPoint) * 2.5)) });
    }
    return Promise.resolve();
  }

  setDewHeater(on: boolean): Promise<void> {
    this.s.dewHeaterOn = on;
    return Promise.resolve();
  }

  setUsbLimit(limit: number): Promise<void> {
    const usb = this.s.usbLimit!;
    if (!Number.isInteger(limit) || limit < usb.min || limit > usb.max) throw new DeviceRefusal('USB limit out of range', 409);
    usb.value = limit;
    return Promise.resolve();
  }

  async expose(request: ExposureRequest): Promise<RawFrame> {
    if (this.s.state !== 'Idle') throw new DeviceRefusal('Camera currently exposing', 409);
    const ms = Math.max(0, request.durationSeconds * 1000);
    this.s.state = 'Exposing';
    this.s.exposureEnd = new Date(this.clock.now().getTime() + ms);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        this.cancel = () => {
          clearTimeout(timer);
          reject(new ExposureAbortedError());
        };
      });
      this.s.state = 'Download';
      const started = performance.now();
      const field = await this.render(request);
      this.s.lastDownloadSeconds = (performance.now() - started) / 1000;
      return { width: field.width, height: field.height, pixels: field.pixels, bitDepth: 16 };
    } finally {
      this.cancel = null;
      this.s.state = 'Idle';
      this.s.exposureEnd = null;
    }
  }

  private async render(request: ExposureRequest): Promise<{ width: number; height: number; pixels: Uint16Array }> {
    const { context } = request;
    const closed = request.imageType === 'DARK' || request.imageType === 'BIAS';
    const exposureSeconds = request.imageType === 'BIAS' ? 0 : request.durationSeconds;
    const extraBlur = defocusBlur(context.focuserPosition);
    const frameNumber = ++this.frames;
    const flat = request.imageType === 'FLAT';
    // Flats and closed-shutter frames need no sky: the synthetic field lights or darkens them evenly.
    const catalogue = closed || flat || !this.sky ? null : await simulatorCatalogue(this.sky.indexDir);
    const bin = this.s.binX;
    if (!catalogue || !this.sky) {
      const { gain, offset, xSize: sensorWidth, ySize: sensorHeight } = this.s;
      const flatIlluminationAdu = flat ? flatIllumination(context.flatPanelLevel) : undefined;
      return renderStarField({ sensorWidth, sensorHeight, binning: bin, exposureSeconds, gain, offset, raDeg: context.raDeg, decDeg: context.decDeg, extraBlur, shutterClosed: closed, flatIllumination: flatIlluminationAdu, frameNumber });
    }
    const width = Math.floor(this.s.xSize / bin);
    const height = Math.floor(this.s.ySize / bin);
    const scale = arcsecPerPixel(context.focalLengthMm ?? SIMULATED_FOCAL_LENGTH_MM, this.s.pixelSizeUm, bin);
    const centre = this.sky.truePointing(context, this.clock.now());
    const stars = await catalogue.starsAround(centre.raDeg, centre.decDeg, fieldRadiusDeg(width, height, scale));
    // NINA-style gain 0..300 → 1x..4x, as the synthetic field.
    const electrons = exposureSeconds * (1 + this.s.gain / 100) * bin * bin;
    const sky = SKY_ADU_PER_SECOND * electrons;
    return renderSky({
      stars,
      raDeg: centre.raDeg,
      decDeg: centre.decDeg,
      rotationDeg: context.rotatorAngleDeg ?? 0,
      arcsecPerPixel: scale,
      width,
      height,
      hfrPx: ((BASE_SIGMA_PX + extraBlur) / bin) * HFR_PER_SIGMA,
      background: BIAS_ADU + this.s.offset * 10 + sky,
      noise: Math.sqrt(sky + READ_NOISE_ADU * READ_NOISE_ADU),
      noiseSeed: 0x5eed + frameNumber * 7919,
      fluxAtMag10: MAG10_ADU_PER_SECOND * electrons,
    });
  }

  abortExposure(): Promise<void> {
    this.cancel?.();
    return Promise.resolve();
  }
}
