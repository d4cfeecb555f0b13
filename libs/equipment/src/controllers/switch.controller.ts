import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { ninaOk } from '../nina/envelope';
import type { QueryBag } from './image-reply';
import { NinaAct, NinaController, NinaQuery } from '../nina/nina-api.decorators';
import { requiredNumber } from '../nina/query';

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
