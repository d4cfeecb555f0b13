import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { NinaError, ninaOk } from '../nina/envelope';
import type { QueryBag } from '../nina/image-reply';
import { NinaAct, NinaController, NinaQuery, NinaRead } from '../nina/nina-api.decorators';
import { bool, optionalEnum, optionalNumber, requiredNumber } from '../nina/query';

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

const RANGE_TYPES = ['FULL', 'HALF', 'QUARTER'] as const;

@NinaController('equipment/rotator', 'N.I.N.A. rotator')
export class RotatorController {
  constructor(private readonly registry: EquipmentRegistry) {}

  @Get('move')
  @NinaAct()
  @ApiOperation({ summary: 'Rotates to a sky angle (degrees); without a plate solve sky and mechanical angles are equal' })
  async moveRotator(@Query('position') position: unknown) {
    await this.registry.require('rotator').moveMechanical(requiredNumber('position', position, { min: -360, max: 720 }));
    return ninaOk('Rotator move started');
  }

  @Get('move-mechanical')
  @NinaAct()
  @ApiOperation({ summary: 'Rotates to a mechanical angle (degrees)' })
  async moveRotatorMechanical(@Query('position') position: unknown) {
    await this.registry.require('rotator').moveMechanical(requiredNumber('position', position, { min: -360, max: 720 }));
    return ninaOk('Rotator move started');
  }

  @Get('reverse')
  @NinaAct()
  @ApiOperation({ summary: 'Reverses the direction' })
  async reverseRotator(@Query('reverseDirection') reverse: unknown) {
    await this.registry.require('rotator').setReverse(bool('reverseDirection', reverse));
    return ninaOk('Reverse set');
  }

  @Get('set-mechanical-range')
  @NinaAct()
  @ApiOperation({ summary: 'Mechanical range (FULL, HALF, QUARTER); accepted and validated, the simulator turns freely' })
  setRotatorMechanicalRange(@Query() q: QueryBag) {
    this.registry.require('rotator');
    if (!optionalEnum('range', q.range, RANGE_TYPES)) throw new NinaError('range is required', 400);
    optionalNumber('rangeStartPosition', q.rangeStartPosition, { min: 0, max: 360 });
    return ninaOk('Range set');
  }

  @Get('stop-move')
  @NinaAct()
  @ApiOperation({ summary: 'Stops a move' })
  async stopRotatorMove() {
    await this.registry.require('rotator').halt();
    return ninaOk('Rotator move stopped');
  }
}
