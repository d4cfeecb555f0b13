import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { NinaError, ninaOk } from '../nina/envelope';
import type { QueryBag } from './image-reply';
import { NinaAct, NinaController, NinaRead } from '../nina/nina-api.decorators';
import { bool, requiredString } from '../nina/query';
import { ProfileService } from '../profile/profile.service';

@NinaController('profile', 'N.I.N.A. profile')
export class ProfileController {
  constructor(private readonly profiles: ProfileService) {}

  @Get('show')
  @NinaRead()
  @ApiOperation({
    summary: 'All profiles, or the active one with its settings (active=true)',
    description: "The active profile is N.I.N.A.'s whole tree (ApplicationSettings ... ImageHistorySettings, its field names and defaults; null fields left out, NaN as \"NaN\"), each <Device>Settings.Id (GuiderSettings.GuiderName) naming the chosen device, then Skygate's own sections (EquipmentDrivers, IndiSettings, SimulatorSettings).",
  })
  async showProfile(@Query('active') active: unknown) {
    if (bool('active', active)) {
      const p = this.profiles.active;
      return ninaOk({ Name: p.name, Description: p.description, Id: p.id, LastUsed: p.lastUsed.toISOString(), ...this.profiles.showSettings() });
    }
    const list = await this.profiles.list();
    return ninaOk(list.map((p) => ({ IsActive: p.isActive, Description: p.description, Location: `database:equipment_profiles/${p.id}`, Id: p.id, Name: p.name, LastUsed: p.lastUsed.toISOString() })));
  }

  @Get('switch')
  @NinaAct()
  @ApiOperation({ summary: 'Activates another profile (its driver selection applies at once)' })
  async switchProfile(@Query('profileid') id: unknown) {
    await this.profiles.switchTo(requiredString('profileid', id));
    return ninaOk('Successfully switched profile');
  }

  @Get('change-value')
  @NinaAct()
  @ApiOperation({
    summary: 'Changes a setting by path, e.g. settingpath=TelescopeSettings-FocalLength or EquipmentDrivers-camera',
    description: "N.I.N.A. fields are checked against their type: numbers (whole numbers in range for integer fields), true/false, one of an enum's names, hh:mm:ss; objects cannot be set. A device Id follows EquipmentDrivers-<device>. Filters: FilterWheelSettings-FilterWheelFilters (a JSON array of names) or -FilterWheelFilters-<n>-Name.",
  })
  async changeProfileValue(@Query() q: QueryBag) {
    const path = requiredString('settingpath', q.settingpath);
    if (q.newValue === undefined) throw new NinaError("New value can't be null", 400);
    if (typeof q.newValue !== 'string') throw new NinaError('newValue must be a single value', 400);
    await this.profiles.changeValue(path, q.newValue);
    return ninaOk('Updated setting');
  }

  @Get('horizon')
  @NinaRead()
  @ApiOperation({ summary: 'The custom horizon: none is set, so a flat horizon' })
  getProfileHorizon() {
    return ninaOk({ Altitudes: [0, 0], Azimuths: [0, 360] });
  }
}
