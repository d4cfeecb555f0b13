import { Logger } from '@nestjs/common';
import type { Clock } from '@app/core';
import { detectStars, imageStatistics, type DetectedStar } from '../image/image-analysis';
import type { DeviceChangeListener, DeviceDriver } from '../contract/device-driver';
import type { GuiderDriver, GuiderStatus, GuideStep } from '../contract/device-interfaces';
import { IndiCamera } from './indi-camera';
import type { IndiClient } from './indi-client';
import { IndiDevice } from './indi-device';

const SIDEREAL_ARCSEC_PER_SECOND = 15.041;
/** Share of the measured error corrected per step (PHD2's default RA aggressiveness is 70 %). */
const AGGRESSIVENESS = 0.7;
const MAX_PULSE_MS = 1000;
const HISTORY = 100;
/** How far (pixels) the guide star may move between frames and still be found again. */
const SEARCH_RADIUS_PX = 50;

/** The mount's pulse-guide inputs (TELESCOPE_TIMED_GUIDE_NS/WE, milliseconds); shared with the mount driver. */
class IndiGuidePort extends IndiDevice {
  readonly type = 'mount' as const;

  constructor(client: IndiClient, deviceName: string) {
    super(client, deviceName, true);
  }

  /** Guide rate in multiples of sidereal (GUIDE_RATE, 0.5 when the mount does not say). */
  rate(): number {
    return this.num('GUIDE_RATE', 'GUIDE_RATE_WE', 0.5) || 0.5;
  }

  focalLength(): number {
    return this.num('TELESCOPE_INFO', 'GUIDER_FOCAL_LENGTH', 0) || this.num('TELESCOPE_INFO', 'TELESCOPE_FOCAL_LENGTH', 0);
  }

  pulse(axis: 'NS' | 'WE', element: string, ms: number): void {
    if (ms > 0) this.client.sendNew('Number', this.deviceName, `TELESCOPE_TIMED_GUIDE_${axis}`, { [element]: ms });
  }
}

/**
 * A minimal guider on INDI: a guide camera (the indi-bin "Guide Simulator" by default) and the
 * mount's pulse-guide inputs. While guiding it loops exposures, locks on the brightest star of the
 * first frame, finds it again in every later frame (the nearest star within 50 px of where it was
 * last seen, else LostLock), measures its offset from the lock position and sends a correction
 * pulse per axis. What it does NOT do (PHD2 does, and NINA normally uses PHD2): no
 * calibration is measured — camera x is taken as RA and y as Dec, unrotated and unflipped, and
 * pulse lengths come from the pixel scale and the mount's GUIDE_RATE; `calibrate` and
 * clear-calibration only set and clear that assumed calibration. No dithering, no settling.
 */
export class IndiGuider implements GuiderDriver {
  readonly type = 'guider' as const;
  private readonly logger = new Logger('IndiGuider');
  private readonly camera: IndiCamera;
  private readonly port: IndiGuidePort;
  private listener: DeviceChangeListener = () => undefined;
  private state: GuiderStatus['state'] = 'Stopped';
  private calibrated = false;
  private steps: GuideStep[] = [];
  private loop: Promise<void> | null = null;
  private running = false;

  constructor(
    client: IndiClient,
    cameraName: string,
    mountName: string,
    clock: Clock,
    private readonly exposureSeconds = 1,
  ) {
    this.camera = new IndiCamera(client, cameraName, clock);
    this.port = new IndiGuidePort(client, mountName);
    // Connection changes of the camera stand for the guider (the mount's would double them).
    this.camera.onChange((change) => this.listener(change));
  }

  get identity(): DeviceDriver['identity'] {
    return { ...this.camera.identity, description: `INDI guide camera ${this.camera.deviceName} pulsing ${this.port.deviceName}` };
  }

  get connected(): boolean {
    return this.camera.connected && this.port.connected;
  }

  async connect(): Promise<void> {
    await this.camera.connect();
    await this.port.connect();
  }

  async disconnect(): Promise<void> {
    await this.stop();
    await this.port.disconnect();
    await this.camera.disconnect();
  }

  onChange(listener: DeviceChangeListener): void {
    this.listener = listener;
  }

  status(): GuiderStatus {
    return { state: this.state, pixelScale: this.pixelScale(), calibrated: this.calibrated, steps: [...this.steps] };
  }

  /** `calibrate` changes nothing: the assumed calibration is taken whenever guiding starts. */
  start(): Promise<void> {
    if (this.loop) return Promise.resolve();
    this.calibrated = true;
    this.state = 'Guiding';
    this.running = true;
    this.steps = [];
    this.loop = this.guide().finally(() => (this.loop = null));
    this.listener({ kind: 'event', event: 'GUIDER-START' });
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    if (!this.loop) return;
    this.running = false;
    this.state = 'Stopped';
    await this.camera.abortExposure().catch(() => undefined);
    await this.loop;
    this.listener({ kind: 'event', event: 'GUIDER-STOP' });
  }

  clearCalibration(): Promise<void> {
    this.calibrated = false;
    return Promise.resolve();
  }

  /** Arc seconds per guide-camera pixel: pixel size and the guide scope's focal length. */
  private pixelScale(): number {
    const focalLength = this.port.focalLength();
    const pixelUm = this.camera.status().pixelSizeUm * this.camera.status().binX;
    return focalLength > 0 ? (206.265 * pixelUm) / focalLength : 1;
  }

  private async guide(): Promise<void> {
    let lock: Point | null = null;
    let last: Point | null = null;
    while (this.running) {
      const frame = await this.camera.expose({ durationSeconds: this.exposureSeconds, imageType: 'LIGHT', context: {} }).catch((err: Error) => {
        if (err.name !== 'AbortError') this.logger.warn(`guide exposure failed: ${err.message}`);
        return null;
      });
      if (!this.running) break;
      const stars = frame ? detectStars(frame.width, frame.height, frame.pixels, imageStatistics(frame.pixels)).stars : [];
      // The guide star: the brightest at first, then the star nearest to where it was last seen.
      const star: DetectedStar | null = last ? nearest(stars, last, SEARCH_RADIUS_PX) : brightest(stars);
      if (!star) {
        this.state = 'LostLock';
        // A failed exposure returns at once: do not spin against the device.
        if (!frame) await new Promise((r) => setTimeout(r, this.exposureSeconds * 1000));
        continue;
      }
      this.state = 'Guiding';
      last = star;
      if (!lock) lock = star;
      else this.correct(star.x - lock.x, star.y - lock.y);
    }
  }

  /** One guide step: offsets in pixels, pulses against them (+x → East, +y → North, assumed). */
  private correct(raPixels: number, decPixels: number): void {
    const perMs = (this.port.rate() * SIDEREAL_ARCSEC_PER_SECOND) / 1000;
    const pulse = (pixels: number) => Math.min(MAX_PULSE_MS, Math.round((AGGRESSIVENESS * Math.abs(pixels) * this.pixelScale()) / perMs));
    const raMs = pulse(raPixels);
    const decMs = pulse(decPixels);
    this.port.pulse('WE', raPixels > 0 ? 'TIMED_GUIDE_E' : 'TIMED_GUIDE_W', raMs);
    this.port.pulse('NS', decPixels > 0 ? 'TIMED_GUIDE_N' : 'TIMED_GUIDE_S', decMs);
    this.steps.push({ raDistance: raPixels, decDistance: decPixels, raDurationMs: Math.sign(raPixels) * raMs, decDurationMs: Math.sign(decPixels) * decMs });
    if (this.steps.length > HISTORY) this.steps.shift();
  }
}

type Point = { x: number; y: number };

function brightest(stars: DetectedStar[]): DetectedStar | null {
  return stars.reduce<DetectedStar | null>((best, s) => (!best || s.flux > best.flux ? s : best), null);
}

function nearest(stars: DetectedStar[], to: Point, within: number): DetectedStar | null {
  const distance = (s: Point) => Math.hypot(s.x - to.x, s.y - to.y);
  const candidate = stars.reduce<DetectedStar | null>((best, s) => (!best || distance(s) < distance(best) ? s : best), null);
  return candidate && distance(candidate) <= within ? candidate : null;
}
