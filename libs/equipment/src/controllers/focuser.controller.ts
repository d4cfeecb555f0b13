import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { NinaError, ninaOk } from '../nina/envelope';
import { NinaAct, NinaController, NinaRead, NinaQuery } from '../nina/nina-api.decorators';
import { requiredNumber } from '../nina/query';

@NinaController('equipment/focuser', 'N.I.N.A. focuser')
export class FocuserController {
  constructor(private readonly registry: EquipmentRegistry) {}

  @Get('move')
  @NinaAct()
  @ApiOperation({ summary: 'Moves to an absolute position (does not wait)' })
  @NinaQuery({ name: 'position', type: 'number', description: 'Absolute focuser position in steps (required)' })
  async moveFocuser(@Query('position') position: unknown) {
    await this.registry.require('focuser').move(requiredNumber('position', position, { integer: true, min: 0 }));
    return ninaOk('Move started');
  }

  @Get('stop-move')
  @NinaAct()
  @ApiOperation({ summary: 'Stops a move' })
  async stopFocuserMove() {
    await this.registry.require('focuser').halt();
    return ninaOk('Focuser move stopped');
  }

  @Get('auto-focus')
  @NinaAct()
  @ApiOperation({ summary: 'Not available yet in Skygate: answers 501 in the envelope' })
  startFocuserAutoFocus() {
    this.registry.require('focuser');
    throw new NinaError('Autofocus is not available in Skygate yet', 501);
  }

  @Get('last-af')
  @NinaRead()
  @ApiOperation({ summary: 'The last autofocus report: none exists yet (500 "No AF available", as ninaAPI)' })
  getFocuserLastAutoFocus() {
    throw new NinaError('No AF available', 500);
  }
}
