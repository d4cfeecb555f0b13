import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { ninaOk } from '../nina/envelope';
import type { QueryBag } from '../nina/image-reply';
import { NinaAct, NinaController, NinaQuery, NinaRead } from '../nina/nina-api.decorators';
import { bool, requiredNumber } from '../nina/query';

@NinaController('equipment/switch', 'N.I.N.A. switch')
export class SwitchController {
  constructor(private readonly registry: EquipmentRegistry) {}

  @Get('set')
  @NinaAct()
  @ApiOperation({ summary: 'Sets a writable switch (index from WritableSwitches Id)' })
  @NinaQuery({ name: 'index', type: 'number', description: 'Switch Id (required)' }, { name: 'value', type: 'number', description: 'New value (required)' })
  async setSwitchValue(@Query() q: QueryBag) {
    await this.registry.require('switch').setValue(requiredNumber('index', q.index, { integer: true, min: 0 }), requiredNumber('value', q.value));
    return ninaOk('Switch value updated');
  }
}

@NinaController('equipment/flatdevice', 'N.I.N.A. flat device')
export class FlatDeviceController {
  constructor(private readonly registry: EquipmentRegistry) {}

  @Get('set-light')
  @NinaAct()
  @ApiOperation({ summary: 'Light on or off (event FLAT-LIGHT-TOGGLED)' })
  @NinaQuery({ name: 'on', type: 'boolean', description: 'true switches the light on' })
  async setFlatDeviceLight(@Query('on') on: unknown) {
    await this.registry.require('flatdevice').setLight(bool('on', on));
    return ninaOk('Flatdevice light set');
  }

  @Get('set-cover')
  @NinaAct()
  @ApiOperation({ summary: 'Opens or closes the cover (FLAT-COVER-OPENED / -CLOSED)' })
  @NinaQuery({ name: 'closed', type: 'boolean', description: 'true closes the cover' })
  async setFlatDeviceCover(@Query('closed') closed: unknown) {
    await this.registry.require('flatdevice').setCover(bool('closed', closed));
    return ninaOk('Flatdevice cover set');
  }

  @Get('set-brightness')
  @NinaAct()
  @ApiOperation({ summary: 'Brightness (event FLAT-BRIGHTNESS-CHANGED)' })
  @NinaQuery({ name: 'brightness', type: 'number', description: 'Between MinBrightness and MaxBrightness (required)' })
  async setFlatDeviceBrightness(@Query('brightness') brightness: unknown) {
    await this.registry.require('flatdevice').setBrightness(requiredNumber('brightness', brightness));
    return ninaOk('Flatdevice brightness set');
  }
}

@NinaController('equipment/guider', 'N.I.N.A. guider')
export class GuiderController {
  constructor(private readonly registry: EquipmentRegistry) {}

  @Get('start')
  @NinaAct()
  @ApiOperation({ summary: 'Starts guiding (event GUIDER-START)' })
  async startGuiding(@Query('calibrate') calibrate: unknown) {
    await this.registry.require('guider').start(bool('calibrate', calibrate));
    return ninaOk('Guiding started');
  }

  @Get('stop')
  @NinaAct()
  @ApiOperation({ summary: 'Stops guiding (event GUIDER-STOP)' })
  async stopGuiding() {
    await this.registry.require('guider').stop();
    return ninaOk('Guiding stopped');
  }

  @Get('clear-calibration')
  @NinaAct()
  @ApiOperation({ summary: 'Clears the calibration' })
  async clearGuiderCalibration() {
    await this.registry.require('guider').clearCalibration();
    return ninaOk('Calibration cleared');
  }

  @Get('graph')
  @NinaRead()
  @ApiOperation({ summary: 'Guide steps history' })
  getGuiderGraph() {
    const s = this.registry.require('guider').status();
    const ra = s.steps.map((x) => x.raDistance);
    const dec = s.steps.map((x) => x.decDistance);
    const rms = (v: number[]) => (v.length ? Math.sqrt(v.reduce((a, b) => a + b * b, 0) / v.length) : 0);
    return ninaOk({
      RMS: { RA: rms(ra), Dec: rms(dec), Total: Math.hypot(rms(ra), rms(dec)), RAText: '', DecText: '', TotalText: '', PeakRAText: '', PeakDecText: '', Scale: s.pixelScale, PeakRA: Math.max(0, ...ra.map(Math.abs)), PeakDec: Math.max(0, ...dec.map(Math.abs)), DataPoints: s.steps.length },
      Interval: 1,
      MaxY: 4,
      MinY: -4,
      MaxDurationY: 1000,
      MinDurationY: -1000,
      GuideSteps: s.steps.map((x, i) => ({ Id: i, IdOffsetLeft: i, IdOffsetRight: i, RADistanceRaw: x.raDistance, RADistanceRawDisplay: x.raDistance, RADuration: x.raDurationMs, DECDistanceRaw: x.decDistance, DECDistanceRawDisplay: x.decDistance, DECDuration: x.decDurationMs, Dither: 'NaN' })),
      HistorySize: 100,
      PixelScale: s.pixelScale,
      Scale: 0,
    });
  }
}
