import { Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiOperation } from '@nestjs/swagger';
import type { TrackingMode } from '../drivers/contract/device-interfaces';
import { DeviceLeases } from '../devices/device-leases';
import { EquipmentRegistry } from '../devices/equipment-registry';
import { untilSlewEnds } from '../devices/slew-settle';
import { CenteringService } from '../solving/centering.service';
import { runCentering, signalOfRequest } from '../solving/run-centering';
import { NinaError, ninaOk } from '../nina/envelope';
import type { QueryBag } from './image-reply';
import { NinaAct, NinaController, NinaQuery } from '../nina/nina-api.decorators';
import { bool, optionalNumber, requiredNumber } from '../nina/query';

/** ninaAPI's tracking mode numbers (Mount.cs): 0 sidereal, 1 lunar, 2 solar, 3 king, 4 stopped. */
const TRACKING_BY_NUMBER: TrackingMode[] = ['Siderial', 'Lunar', 'Solar', 'King', 'Stopped'];

@NinaController('equipment/mount', 'N.I.N.A. mount')
export class MountController {
  constructor(
    private readonly registry: EquipmentRegistry,
    private readonly leases: DeviceLeases,
    private readonly centering: CenteringService,
  ) {}

  @Get('home')
  @NinaAct()
  @ApiOperation({ summary: 'Finds home' })
  async homeMount() {
    const mount = this.registry.require('mount');
    if (mount.status().atPark) throw new NinaError('Mount parked', 409);
    if (mount.status().atHome) return ninaOk('Mount already homed');
    await mount.findHome();
    return ninaOk('Homing');
  }

  @Get('tracking')
  @NinaAct()
  @ApiOperation({ summary: 'Tracking mode: 0 sidereal, 1 lunar, 2 solar, 3 king, 4 stopped' })
  @NinaQuery({ name: 'mode', type: 'number', description: '0 sidereal, 1 lunar, 2 solar, 3 king, 4 stopped (required)' })
  async setMountTracking(@Query('mode') mode: unknown) {
    const mount = this.registry.require('mount');
    const n = optionalNumber('mode', mode, { integer: true });
    if (n === undefined || !TRACKING_BY_NUMBER[n]) throw new NinaError('Invalid tracking mode', 400);
    await mount.setTracking(TRACKING_BY_NUMBER[n]);
    return ninaOk('Tracking mode changed');
  }

  @Get('park')
  @NinaAct()
  @ApiOperation({ summary: 'Parks the mount (event MOUNT-PARKED)' })
  async parkMount() {
    const mount = this.registry.require('mount');
    if (mount.status().atPark) return ninaOk('Mount already parked');
    await mount.park();
    return ninaOk('Parking');
  }

  @Get('unpark')
  @NinaAct()
  @ApiOperation({ summary: 'Unparks the mount (event MOUNT-UNPARKED)' })
  async unparkMount() {
    const mount = this.registry.require('mount');
    if (!mount.status().atPark) return ninaOk('Mount not parked');
    await mount.unpark();
    return ninaOk('Unparking');
  }

  @Get('flip')
  @NinaAct()
  @ApiOperation({ summary: 'Meridian flip if one is due (the simulator never needs one)' })
  flipMount() {
    this.registry.require('mount');
    return ninaOk('Flipping');
  }

  @Get('slew')
  @NinaAct()
  @ApiOperation({
    summary: 'Slews to ra/dec in degrees J2000; center=true (or rotate=true with rotationAngle) then centres by plate solving',
    description: 'Centring: expose, solve, sync and slew again until within PlateSolveSettings-Threshold (arcmin) or NumberOfAttempts; steps go out as equipment.centering-step events.',
  })
  async slewMount(@Query() q: QueryBag, @Req() request: Request) {
    const mount = this.registry.require('mount');
    this.leases.assertFree('mount');
    const ra = requiredNumber('ra', q.ra, { min: 0, max: 360 });
    const dec = requiredNumber('dec', q.dec, { min: -90, max: 90 });
    const rotate = bool('rotate', q.rotate);
    const rotationDeg = rotate ? requiredNumber('rotationAngle', q.rotationAngle, { min: -360, max: 360 }) : undefined;
    if (mount.status().atPark) throw new NinaError('Mount parked', 409);
    if (bool('center', q.center) || rotate) {
      await runCentering(this.centering, { raDeg: ra, decDeg: dec, rotationDeg }, bool('waitForResult', q.waitForResult), request);
    } else {
      await mount.slew(ra, dec);
      // waitForResult: answered once the mount is there (INDI gotos take seconds).
      if (bool('waitForResult', q.waitForResult)) await untilSlewEnds(mount);
    }
    // "Started Slew" is ninaAPI's exact text (Mount.cs).
    return ninaOk(bool('waitForResult', q.waitForResult) ? 'Slew finished' : 'Started Slew');
  }

  @Get('slew/stop')
  @NinaAct()
  @ApiOperation({ summary: 'Stops a slew' })
  async stopMountSlew() {
    await this.registry.require('mount').stopSlew();
    return ninaOk('Stopped slew');
  }

  @Get('set-park-position')
  @NinaAct()
  @ApiOperation({ summary: 'Current position becomes the park position (not connected is 400 here, as in ninaAPI)' })
  async setMountParkPosition() {
    const mount = this.registry.get('mount');
    if (!mount.connected) throw new NinaError('Mount not connected', 400);
    await mount.setParkPosition();
    return ninaOk('Park position set');
  }

  @Get('sync')
  @NinaAct()
  @ApiOperation({ summary: 'Syncs to ra/dec in degrees J2000; without them, to where a plate solve of a new frame says the mount points (not connected and parked are 400, as in ninaAPI)' })
  async syncMount(@Query() q: QueryBag, @Req() request: Request) {
    const mount = this.registry.get('mount');
    if (!mount.connected) throw new NinaError('Mount not connected', 400);
    if (mount.status().atPark) throw new NinaError('Mount is parked', 400);
    if (q.ra === undefined && q.dec === undefined) {
      await this.centering.solveAndSync(signalOfRequest(request));
      return ninaOk('Synced');
    }
    await mount.sync(requiredNumber('ra', q.ra, { min: 0, max: 360 }), requiredNumber('dec', q.dec, { min: -90, max: 90 }));
    return ninaOk('Synced');
  }
}
