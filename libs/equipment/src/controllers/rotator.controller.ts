import { Get, Logger, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { awaitUnlessManual } from '../devices/manual-moves';
import { NinaError, ninaOk } from '../nina/envelope';
import type { QueryBag } from './image-reply';
import { NinaAct, NinaController } from '../nina/nina-api.decorators';
import { bool, optionalEnum, optionalNumber, requiredNumber } from '../nina/query';

const RANGE_TYPES = ['FULL', 'HALF', 'QUARTER'] as const;

@NinaController('equipment/rotator', 'N.I.N.A. rotator')
export class RotatorController {
  private readonly logger = new Logger('Rotator');

  constructor(private readonly registry: EquipmentRegistry) {}

  @Get('move')
  @NinaAct()
  @ApiOperation({ summary: 'Rotates to a sky angle (degrees); without a plate solve sky and mechanical angles are equal' })
  async moveRotator(@Query('position') position: unknown) {
    await this.move(position);
    return ninaOk('Rotator move started');
  }

  @Get('move-mechanical')
  @NinaAct()
  @ApiOperation({ summary: 'Rotates to a mechanical angle (degrees)' })
  async moveRotatorMechanical(@Query('position') position: unknown) {
    await this.move(position);
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

  /** A networked manual rotator's move waits for the person at the telescope: only started here. */
  private async move(position: unknown): Promise<void> {
    const rotator = this.registry.require('rotator');
    const degrees = requiredNumber('position', position, { min: -360, max: 720 });
    await awaitUnlessManual(rotator, rotator.moveMechanical(degrees), this.logger);
  }
}
