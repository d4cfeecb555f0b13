import { Get, Logger, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { awaitUnlessManual } from '../devices/manual-moves';
import { NinaError, ninaOk } from '../nina/envelope';
import { NinaAct, NinaController, NinaQuery, NinaRead } from '../nina/nina-api.decorators';
import { requiredNumber } from '../nina/query';
import { filterInfo } from '../profile/filter-info';
import { ProfileService } from '../profile/profile.service';

@NinaController('equipment/filterwheel', 'N.I.N.A. filter wheel')
export class FilterWheelController {
  private readonly logger = new Logger('FilterWheel');

  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly profile: ProfileService,
  ) {}

  @Get('change-filter')
  @NinaAct()
  @ApiOperation({ summary: 'Moves to a filter; filterId is the 0-based index into the profile filters (event FILTERWHEEL-CHANGED)' })
  @NinaQuery({ name: 'filterId', type: 'number', description: '0-based index into AvailableFilters (required)' })
  @NinaQuery({ name: 'filterId', type: 'number', description: '0-based index into AvailableFilters (required)' })
  async changeFilter(@Query('filterId') raw: unknown) {
    const wheel = this.registry.require('filterwheel');
    const names = this.profile.filterNames();
    const filterId = requiredNumber('filterId', raw, { integer: true });
    if (filterId < 0 || filterId >= Math.min(names.length, wheel.status().names.length)) throw new NinaError('Filter not available', 409);
    const previous = wheel.status().position;
    const change = wheel.setPosition(filterId).then(() => this.registry.publish('FILTERWHEEL-CHANGED', { Previous: { Name: names[previous] ?? '', Id: previous }, New: { Name: names[filterId], Id: filterId } }));
    await awaitUnlessManual(wheel, change, this.logger);
    return ninaOk('Filter changed');
  }

  @Get('filter-info')
  @NinaRead()
  @ApiOperation({ summary: 'The profile filter at filterId' })
  getFilterInfo(@Query('filterId') raw: unknown) {
    this.registry.require('filterwheel');
    const names = this.profile.filterNames();
    const filterId = requiredNumber('filterId', raw, { integer: true });
    if (filterId < 0 || filterId >= names.length) throw new NinaError('Filter not available', 409);
    return ninaOk(filterInfo(names[filterId], filterId));
  }

  @Get('add-filter')
  @NinaAct()
  @ApiOperation({ summary: 'Adds a filter to the profile' })
  async addFilter() {
    this.registry.require('filterwheel');
    const names = this.profile.filterNames();
    await this.profile.setFilterNames([...names, `Filter ${names.length + 1}`]);
    return ninaOk('Filter added');
  }

  @Get('remove-filter')
  @NinaAct()
  @ApiOperation({ summary: 'Removes the profile filter at filterId' })
  async removeFilter(@Query('filterId') raw: unknown) {
    this.registry.require('filterwheel');
    const names = this.profile.filterNames();
    const filterId = requiredNumber('filterId', raw, { integer: true });
    if (filterId < 0 || filterId >= names.length) throw new NinaError('Filter not available', 409);
    await this.profile.setFilterNames(names.filter((_, i) => i !== filterId));
    return ninaOk('Filter removed');
  }
}
