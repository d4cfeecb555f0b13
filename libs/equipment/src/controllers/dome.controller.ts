import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { NinaError, ninaOk } from '../nina/envelope';
import type { QueryBag } from './image-reply';
import { NinaAct, NinaController } from '../nina/nina-api.decorators';
import { bool, requiredNumber } from '../nina/query';

@NinaController('equipment/dome', 'N.I.N.A. dome')
export class DomeController {
  constructor(private readonly registry: EquipmentRegistry) {}

  @Get('open')
  @NinaAct()
  @ApiOperation({ summary: 'Opens the shutter (event DOME-SHUTTER-OPENED)' })
  async openDomeShutter() {
    const dome = this.registry.require('dome');
    if (dome.status().shutter === 'ShutterOpen') return ninaOk('Shutter already open');
    await dome.openShutter();
    return ninaOk('Shutter opening');
  }

  @Get('close')
  @NinaAct()
  @ApiOperation({ summary: 'Closes the shutter (event DOME-SHUTTER-CLOSED)' })
  async closeDomeShutter() {
    const dome = this.registry.require('dome');
    if (dome.status().shutter === 'ShutterClosed') return ninaOk('Shutter already closed');
    await dome.closeShutter();
    return ninaOk('Shutter closing');
  }

  @Get('stop')
  @NinaAct()
  @ApiOperation({ summary: 'Stops all dome movement' })
  async stopDome() {
    await this.registry.require('dome').stop();
    return ninaOk('Movement stopped');
  }

  @Get('set-follow')
  @NinaAct()
  @ApiOperation({ summary: 'Dome follows the mount; needs an open shutter and a connected mount (409)' })
  async setDomeFollow(@Query('enabled') enabled: unknown) {
    const dome = this.registry.require('dome');
    const on = bool('enabled', enabled);
    if (on && dome.status().shutter !== 'ShutterOpen') throw new NinaError('Dome shutter not open', 409);
    if (on && !this.registry.connected('mount')) throw new NinaError('Mount not connected', 409);
    await dome.setFollowing(on);
    return ninaOk(on ? 'Following enabled' : 'Following disabled');
  }

  @Get('sync')
  @NinaAct()
  @ApiOperation({ summary: 'Syncs the dome azimuth to the mount' })
  async syncDome() {
    const dome = this.registry.require('dome');
    const mount = this.registry.require('mount');
    await dome.sync(mount.status().azimuthDeg);
    return ninaOk('Dome Sync Started');
  }

  @Get('slew')
  @NinaAct()
  @ApiOperation({ summary: 'Slews to an azimuth in degrees (event DOME-SLEWED)' })
  async slewDome(@Query() q: QueryBag) {
    const dome = this.registry.require('dome');
    await dome.slew(requiredNumber('azimuth', q.azimuth, { min: 0, max: 360 }));
    return ninaOk(bool('waitToFinish', q.waitToFinish) ? 'Dome Slew finished' : 'Dome Slew Started');
  }

  @Get('set-park-position')
  @NinaAct()
  @ApiOperation({ summary: 'Current azimuth becomes the park position (not connected is 400, as in ninaAPI)' })
  async setDomeParkPosition() {
    await this.connectedOr400().setParkPosition();
    return ninaOk('Park position set');
  }

  @Get('park')
  @NinaAct()
  @ApiOperation({ summary: 'Parks the dome (event DOME-PARKED; not connected is 400, as in ninaAPI)' })
  async parkDome() {
    const dome = this.connectedOr400();
    if (dome.status().atPark) return ninaOk('Dome already parked');
    await dome.park();
    return ninaOk('Parking');
  }

  @Get('home')
  @NinaAct()
  @ApiOperation({ summary: 'Finds home (event DOME-HOMED; not connected is 400, as in ninaAPI)' })
  async homeDome() {
    const dome = this.connectedOr400();
    if (dome.status().atHome) return ninaOk('Dome already homed');
    await dome.findHome();
    return ninaOk('Homing');
  }

  private connectedOr400() {
    const dome = this.registry.get('dome');
    if (!dome.connected) throw new NinaError('Dome not connected', 400);
    return dome;
  }
}
