import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation } from '@nestjs/swagger';
import { IMAGE_TYPES } from '../drivers/contract/device-interfaces';
import { DeviceLeases } from '../devices/device-leases';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { CaptureService, type FinishedCapture } from '../image/capture.service';
import { ImageViewService } from '../image/image-view.service';
import { NinaError, ninaOk, type NinaEnvelope } from '../nina/envelope';
import { imageReply, previewOptions, sendNina, type QueryBag, type RawImage } from './image-reply';
import { NinaAct, NinaController, NinaRead, NinaQuery, PREVIEW_QUERY } from '../nina/nina-api.decorators';
import { bool, optionalEnum, optionalNumber, optionalString, requiredNumber } from '../nina/query';

@NinaController('equipment/camera', 'N.I.N.A. camera')
export class CameraController {
  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly capture: CaptureService,
    private readonly images: ImageViewService,
    private readonly leases: DeviceLeases,
  ) {}

  @Get('set-readout')
  @NinaAct()
  @ApiOperation({ summary: 'Readout mode (index into ReadoutModes)' })
  async setCameraReadout(@Query('mode') mode: unknown) {
    await this.registry.require('camera').setReadoutMode(requiredNumber('mode', mode, { integer: true }));
    return ninaOk('Readout mode updated');
  }

  @Get('set-readout/image')
  @NinaAct()
  @ApiOperation({ summary: 'Readout mode for normal images (one mode for both in Skygate)' })
  setCameraReadoutImage(@Query('mode') mode: unknown) {
    return this.setCameraReadout(mode);
  }

  @Get('set-readout/snapshot')
  @NinaAct()
  @ApiOperation({ summary: 'Readout mode for snapshots (one mode for both in Skygate)' })
  setCameraReadoutSnapshot(@Query('mode') mode: unknown) {
    return this.setCameraReadout(mode);
  }

  @Get('cool')
  @NinaAct()
  @ApiOperation({ summary: 'Cools to a temperature (cancel=true switches the cooler off)' })
  @NinaQuery(
    { name: 'temperature', type: 'number', description: 'Target sensor temperature in °C (required unless cancel=true)' },
    { name: 'minutes', type: 'number', description: 'Accepted for ninaAPI compatibility' },
    { name: 'cancel', type: 'boolean', description: 'true switches the cooler off' },
  )
  async coolCamera(@Query() q: QueryBag) {
    const camera = this.registry.require('camera');
    if (!camera.status().canSetTemperature) throw new NinaError('Camera has no temperature control', 409);
    if (bool('cancel', q.cancel)) {
      await camera.setCooling(null);
      return ninaOk('Cooling canceled');
    }
    optionalNumber('minutes', q.minutes);
    await camera.setCooling(requiredNumber('temperature', q.temperature));
    return ninaOk('Cooling started');
  }

  @Get('warm')
  @NinaAct()
  @ApiOperation({ summary: 'Warms the sensor up and switches the cooler off' })
  async warmCamera(@Query() q: QueryBag) {
    const camera = this.registry.require('camera');
    if (!camera.status().canSetTemperature) throw new NinaError('Camera has no temperature control', 409);
    if (bool('cancel', q.cancel)) return ninaOk('Warming canceled');
    optionalNumber('minutes', q.minutes);
    await camera.setCooling(null);
    return ninaOk('Warming started');
  }

  @Get('abort-exposure')
  @NinaAct()
  @ApiOperation({ summary: 'Aborts the running exposure' })
  async abortCameraExposure() {
    const camera = this.registry.require('camera');
    if (camera.status().state !== 'Exposing') return ninaOk('Camera not exposing');
    await camera.abortExposure();
    return ninaOk('Exposure aborted');
  }

  @Get('dew-heater')
  @NinaAct()
  @ApiOperation({ summary: 'Switches the dew heater (power=true|false)' })
  async setCameraDewHeater(@Query('power') power: unknown) {
    const camera = this.registry.require('camera');
    if (!camera.status().hasDewHeater) throw new NinaError('Camera has no dew heater', 409);
    await camera.setDewHeater(bool('power', power));
    return ninaOk('Dew heater set');
  }

  @Get('usb-limit')
  @NinaAct()
  @ApiOperation({ summary: 'USB bandwidth limit' })
  async setCameraUsbLimit(@Query('limit') limit: unknown) {
    await this.registry.require('camera').setUsbLimit(requiredNumber('limit', limit));
    return ninaOk('USB limit set');
  }

  @Get('set-binning')
  @NinaAct()
  @ApiOperation({ summary: 'Binning as "2x2"' })
  async setCameraBinning(@Query('binning') binning: unknown) {
    const camera = this.registry.require('camera');
    const text = optionalString('binning', binning);
    if (!text) throw new NinaError('Binning must be specified', 409);
    const m = /^(\d)x(\d)$/.exec(text);
    if (!m) throw new NinaError('Invalid binning mode', 409);
    await camera.setBinning(Number(m[1]), Number(m[2]));
    return ninaOk('Binning set');
  }

  @Get('capture')
  @NinaAct()
  @ApiOperation({
    summary: 'Starts a capture, or returns the last result with getResult=true (reference A.5)',
    description: 'Every capture is also written as FITS to the data folder and recorded in image-history. With solve=true the saved frame is plate solved (astrometry.net; scale from the profile, position from the mount): the result is PlateSolveResult, and the solution WCS is written into the FITS header.',
  })
  @NinaQuery(
    { name: 'duration', type: 'number', description: 'Exposure time in seconds' },
    { name: 'gain', type: 'number', description: 'Gain for this capture' },
    { name: 'imageType', type: 'string', description: 'Frame type recorded in the FITS header and image-history (default SNAPSHOT)', enum: IMAGE_TYPES },
    { name: 'targetName', type: 'string', description: 'OBJECT in the FITS header' },
    { name: 'getResult', type: 'boolean', description: 'true: return the last result instead of starting a capture' },
    { name: 'waitForResult', type: 'boolean', description: 'true: answer when the capture is saved, with its result' },
    { name: 'onlyAwaitCaptureCompletion', type: 'boolean', description: 'true: answer when the exposure ends' },
    { name: 'omitImage', type: 'boolean', description: 'true: the result without the image' },
    ...PREVIEW_QUERY,
  )
  async captureCameraImage(@Query() q: QueryBag, @Res() res: Response): Promise<void> {
    const options = previewOptions(q);
    const stream = bool('stream', q.stream);
    const waitForResult = bool('waitForResult', q.waitForResult);
    const flow = { waitForResult, getResult: bool('getResult', q.getResult), onlyAwaitCaptureCompletion: bool('onlyAwaitCaptureCompletion', q.onlyAwaitCaptureCompletion) };
    if (!flow.getResult || waitForResult) this.leases.assertFree('camera');
    const outcome = await this.capture.run(flow, () => ({
      durationSeconds: optionalNumber('duration', q.duration, { min: 0 }),
      gain: optionalNumber('gain', q.gain),
      imageType: optionalEnum('imageType', q.imageType, IMAGE_TYPES) ?? 'SNAPSHOT',
      targetName: optionalString('targetName', q.targetName) ?? '',
      solve: bool('solve', q.solve),
    }));
    sendNina(res, 'message' in outcome ? ninaOk(outcome.message) : await this.result(outcome.capture, bool('omitImage', q.omitImage), stream, options));
  }

  @Get('capture/statistics')
  @NinaRead()
  @ApiOperation({ summary: 'Statistics of the last capture' })
  getCameraCaptureStatistics() {
    const last = this.capture.lastCapture;
    if (!last) throw new NinaError('No image available', 400);
    const s = last.archived.record.statistics;
    return ninaOk({ Stars: s.Stars, HFR: s.HFR, Median: s.Median, MedianAbsoluteDeviation: s.MedianAbsoluteDeviation, Mean: s.Mean, Max: s.Max, Min: s.Min, StDev: s.StDev });
  }

  private async result(last: FinishedCapture, omitImage: boolean, stream: boolean, options: ReturnType<typeof previewOptions>): Promise<RawImage | NinaEnvelope> {
    // ninaAPI's CaptureResponse {Image, PlateSolveResult}: null members are left out of the JSON
    // (WhenWritingNull), so omitImage of an unsolved capture answers {} (unless streamed).
    const solved = last.plateSolve ? { PlateSolveResult: last.plateSolve } : {};
    if (omitImage && !stream) return ninaOk(solved);
    const image = await this.images.render(last.frame.pixels, last.frame.width, last.frame.height, options);
    return imageReply(image, stream, (Image) => ({ Image, ...solved }), 'image/jpg');
  }
}
