import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { ninaOk } from '../nina/envelope';
import { NinaAct, NinaController, NinaQuery } from '../nina/nina-api.decorators';
import { bool, requiredNumber } from '../nina/query';

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
