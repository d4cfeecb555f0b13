import { gunzipSync, inflateSync } from 'node:zlib';
import type { Clock } from '@app/core';
import { decodeFits } from '../image/fits';
import { DeviceRefusal } from '../contract/device-driver';
import type { CameraDriver, CameraStatus, ExposureRequest, RawFrame } from '../contract/device-interfaces';
import type { IndiClient } from './indi-client';
import type { IndiProperty } from './indi-protocol';
import { IndiDevice } from './indi-device';
import { enableBlob } from './indi-protocol';

const FRAME_TYPES = { LIGHT: 'FRAME_LIGHT', SNAPSHOT: 'FRAME_LIGHT', DARK: 'FRAME_DARK', BIAS: 'FRAME_BIAS', FLAT: 'FRAME_FLAT' } as const;

/** An INDI CCD: exposures arrive as a FITS BLOB on CCD1 once BLOBs are enabled for this client. */
export class IndiCamera extends IndiDevice implements CameraDriver {
  readonly type = 'camera' as const;
  private exposureEnd: Date | null = null;
  private lastDownload = 0;
  /** Our exposure is between its request and its BLOB (INDI's Busy may not have arrived yet). */
  private exposureInFlight = false;
  /**
   * Our BLOB arrived while CCD_EXPOSURE still read Busy. INDI's Ok can lag behind the BLOB, and a
   * client that starts the next capture on API-CAPTURE-FINISHED must not be told the camera is
   * exposing meanwhile. Cleared by the next CCD_EXPOSURE update that is not Busy, or our next exposure.
   */
  private busyIsStale = false;

  constructor(
    client: IndiClient,
    deviceName: string,
    private readonly clock: Clock,
  ) {
    super(client, deviceName);
  }

  override async connect(): Promise<void> {
    await super.connect();
    this.client.send(enableBlob(this.deviceName));
    if (this.has('UPLOAD_MODE')) this.client.sendNew('Switch', this.deviceName, 'UPLOAD_MODE', { UPLOAD_CLIENT: 'On' });
  }

  status(): CameraStatus {
    const busy = this.client.property(this.deviceName, 'CCD_EXPOSURE')?.state === 'Busy';
    const exposing = this.exposureInFlight || (busy && !this.busyIsStale);
    const gain = this.gainProperty();
    const temperature = this.num('CCD_TEMPERATURE', 'CCD_TEMPERATURE_VALUE', 0);
    return {
      state: exposing ? 'Exposing' : 'Idle',
      exposureEnd: exposing ? this.exposureEnd : null,
      xSize: this.num('CCD_INFO', 'CCD_MAX_X'),
      ySize: this.num('CCD_INFO', 'CCD_MAX_Y'),
      pixelSizeUm: this.num('CCD_INFO', 'CCD_PIXEL_SIZE'),
      bitDepth: this.num('CCD_INFO', 'CCD_BITSPERPIXEL', 16),
      binX: this.num('CCD_BINNING', 'HOR_BIN', 1),
      binY: this.num('CCD_BINNING', 'VER_BIN', 1),
      maxBin: 4,
      gain: gain ? this.num(gain[0], gain[1]) : 0,
      gainMin: 0,
      gainMax: 100,
      offset: this.num('CCD_OFFSET', 'OFFSET', 0),
      offsetMin: 0,
      offsetMax: 1000,
      temperature,
      setPoint: temperature,
      coolerOn: this.on('CCD_COOLER', 'COOLER_ON'),
      coolerPower: this.num('CCD_COOLER_POWER', 'CCD_COOLER_VALUE', 0),
      canSetTemperature: this.has('CCD_TEMPERATURE'),
      hasDewHeater: false,
      dewHeaterOn: false,
      readoutModes: ['Default'],
      readoutMode: 0,
      usbLimit: null,
      exposureMin: 0,
      exposureMax: 3600,
      lastDownloadSeconds: this.lastDownload,
    };
  }

  async setBinning(x: number, y: number): Promise<void> {
    if (x < 1 || x > 4 || y < 1 || y > 4) throw new DeviceRefusal('Invalid binning mode', 409);
    await this.client.change('Number', this.deviceName, 'CCD_BINNING', { HOR_BIN: x, VER_BIN: y });
  }

  async setGain(gain: number): Promise<void> {
    const target = this.gainProperty();
    if (!target) throw new DeviceRefusal('Invalid gain', 400);
    await this.client.change('Number', this.deviceName, target[0], { [target[1]]: gain }).catch(() => {
      throw new DeviceRefusal('Invalid gain', 400);
    });
  }

  async setOffset(offset: number): Promise<void> {
    await this.requireProperty('CCD_OFFSET');
    await this.client.change('Number', this.deviceName, 'CCD_OFFSET', { OFFSET: offset });
  }

  setReadoutMode(mode: number): Promise<void> {
    if (mode !== 0) throw new DeviceRefusal('Invalid readout mode', 400);
    return Promise.resolve();
  }

  /** The set point is sent; the sensor reaches it over time (Busy → Ok). */
  setCooling(setPoint: number | null): Promise<void> {
    if (setPoint === null) this.client.sendNew('Switch', this.deviceName, 'CCD_COOLER', { COOLER_OFF: 'On' });
    else this.client.sendNew('Number', this.deviceName, 'CCD_TEMPERATURE', { CCD_TEMPERATURE_VALUE: setPoint });
    return Promise.resolve();
  }

  setDewHeater(): Promise<void> {
    throw new DeviceRefusal('Camera has no dew heater', 409);
  }

  setUsbLimit(): Promise<void> {
    throw new DeviceRefusal('USB limit out of range', 409);
  }

  async expose(request: ExposureRequest): Promise<RawFrame> {
    if (this.has('CCD_FRAME_TYPE')) await this.client.change('Switch', this.deviceName, 'CCD_FRAME_TYPE', { [FRAME_TYPES[request.imageType]]: 'On' });
    const previous = this.client.property(this.deviceName, 'CCD1');
    const before = this.client.property(this.deviceName, 'CCD_EXPOSURE');
    // The BLOB may arrive before CCD_EXPOSURE turns Ok (observed on 1.9.9): wait for the BLOB itself.
    const blob = this.client.waitFor(this.deviceName, 'CCD1', (p) => p !== previous && p.blobs.has('CCD1'), request.durationSeconds + this.client.options.timeoutSeconds + 10);
    const aborted = this.client.waitFor(this.deviceName, 'CCD_EXPOSURE', (p) => p !== before && (p.state === 'Idle' || p.state === 'Alert'), request.durationSeconds + this.client.options.timeoutSeconds + 10);
    this.exposureEnd = new Date(this.clock.now().getTime() + request.durationSeconds * 1000);
    this.busyIsStale = false;
    this.exposureInFlight = true;
    this.client.sendNew('Number', this.deviceName, 'CCD_EXPOSURE', { CCD_EXPOSURE_VALUE: request.durationSeconds });
    const started = performance.now();
    const result = await Promise.race([blob, aborted.then(() => null, () => new Promise<never>(() => undefined))]).finally(() => (this.exposureInFlight = false));
    if (result) this.busyIsStale = this.client.property(this.deviceName, 'CCD_EXPOSURE')?.state === 'Busy';
    if (!result) {
      const err = new Error('Exposure aborted');
      err.name = 'AbortError';
      throw err;
    }
    const { format, data } = result.blobs.get('CCD1')!;
    this.lastDownload = (performance.now() - started) / 1000;
    const bytes = format.endsWith('.z') ? (data[0] === 0x1f ? gunzipSync(data) : inflateSync(data)) : data;
    if (!format.startsWith('.fits')) throw new DeviceRefusal(`INDI camera sent ${format}, expected .fits`, 409);
    const fits = decodeFits(bytes);
    return { width: fits.width, height: fits.height, pixels: fits.pixels, bitDepth: 16 };
  }

  protected override onProperty(property: IndiProperty): void {
    if (property.name === 'CCD_EXPOSURE' && property.state !== 'Busy') this.busyIsStale = false;
  }

  abortExposure(): Promise<void> {
    this.client.sendNew('Switch', this.deviceName, 'CCD_ABORT_EXPOSURE', { ABORT: 'On' });
    return Promise.resolve();
  }

  /** Gain lives in CCD_GAIN.GAIN (simulator) or CCD_CONTROLS.Gain (ZWO, QHY, Touptek). */
  private gainProperty(): [string, string] | undefined {
    if (this.has('CCD_GAIN')) return ['CCD_GAIN', 'GAIN'];
    if (this.has('CCD_CONTROLS')) return ['CCD_CONTROLS', 'Gain'];
    return undefined;
  }
}
