import { DeviceRefusal } from '../contract/device-driver';
import type { DomeDriver, DomeStatus } from '../contract/device-interfaces';
import { IndiDevice } from './indi-device';
import type { IndiProperty } from './indi-protocol';

/** Moves are sent and return at once (the simulator's shutter takes ~5 s); events follow the state changes. */
export class IndiDome extends IndiDevice implements DomeDriver {
  readonly type = 'dome' as const;
  private following = false;

  status(): DomeStatus {
    const shutter = this.client.property(this.deviceName, 'DOME_SHUTTER');
    const open = this.on('DOME_SHUTTER', 'SHUTTER_OPEN');
    const busy = shutter?.state === 'Busy';
    return {
      shutter: shutter?.state === 'Alert' ? 'ShutterError' : busy ? (open ? 'ShutterOpening' : 'ShutterClosing') : open ? 'ShutterOpen' : 'ShutterClosed',
      azimuthDeg: this.num('ABS_DOME_POSITION', 'DOME_ABSOLUTE_POSITION'),
      atPark: this.on('DOME_PARK', 'PARK'),
      atHome: false,
      slewing: this.client.property(this.deviceName, 'ABS_DOME_POSITION')?.state === 'Busy',
      following: this.following,
    };
  }

  openShutter = () => this.send('DOME_SHUTTER', { SHUTTER_OPEN: 'On' });
  closeShutter = () => this.send('DOME_SHUTTER', { SHUTTER_CLOSE: 'On' });
  stop = () => this.send('DOME_ABORT_MOTION', { ABORT: 'On' });
  park = () => this.send('DOME_PARK', { PARK: 'On' });

  slew(azimuthDeg: number): Promise<void> {
    this.client.sendNew('Number', this.deviceName, 'ABS_DOME_POSITION', { DOME_ABSOLUTE_POSITION: azimuthDeg });
    return Promise.resolve();
  }

  sync(): Promise<void> {
    throw new DeviceRefusal('This INDI dome cannot sync its azimuth', 400);
  }

  setParkPosition(): Promise<void> {
    return this.send('DOME_PARK_OPTION', { PARK_CURRENT: 'On' });
  }

  findHome(): Promise<void> {
    throw new DeviceRefusal('This INDI dome has no home position', 400);
  }

  setFollowing(on: boolean): Promise<void> {
    this.following = on;
    return Promise.resolve();
  }

  protected override onProperty(p: IndiProperty): void {
    if (p.name === 'DOME_SHUTTER' && p.state === 'Ok') this.listener({ kind: 'event', event: p.values.get('SHUTTER_OPEN') === 'On' ? 'DOME-SHUTTER-OPENED' : 'DOME-SHUTTER-CLOSED' });
    if (p.name === 'DOME_PARK' && p.state === 'Ok' && p.values.get('PARK') === 'On') this.listener({ kind: 'event', event: 'DOME-PARKED' });
  }

  private async send(property: string, values: Record<string, string>): Promise<void> {
    await this.requireProperty(property);
    this.client.sendNew('Switch', this.deviceName, property, values);
  }
}
