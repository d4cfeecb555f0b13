import { DeviceRefusal } from '../device-driver';
import type { DomeDriver, DomeStatus, FilterWheelDriver, FilterWheelStatus, FocuserDriver, FocuserStatus, RotatorDriver, RotatorStatus } from '../device-interfaces';
import { IndiDevice } from './indi-device';
import type { IndiProperty } from './indi-protocol';

export class IndiFocuser extends IndiDevice implements FocuserDriver {
  readonly type = 'focuser' as const;

  status(): FocuserStatus {
    return {
      position: this.num('ABS_FOCUS_POSITION', 'FOCUS_ABSOLUTE_POSITION'),
      maxStep: this.num('FOCUS_MAX', 'FOCUS_MAX_VALUE', 100_000),
      stepSize: 1,
      temperature: this.num('FOCUS_TEMPERATURE', 'TEMPERATURE', 0),
      isMoving: this.client.property(this.deviceName, 'ABS_FOCUS_POSITION')?.state === 'Busy',
      tempComp: false,
      tempCompAvailable: false,
    };
  }

  async move(position: number): Promise<void> {
    this.requireProperty('ABS_FOCUS_POSITION');
    // The 1.9.9 simulator moves at once (Ok, never Busy); real focusers report Busy first.
    await this.client.change('Number', this.deviceName, 'ABS_FOCUS_POSITION', { FOCUS_ABSOLUTE_POSITION: position }).catch((err: Error) => {
      throw new DeviceRefusal(`Focuser refused position ${position}: ${err.message}`, 400);
    });
  }

  async halt(): Promise<void> {
    // FOCUS_ABORT_MOTION is optional (the 1.9.9 simulator lacks it): nothing to stop then.
    if (this.has('FOCUS_ABORT_MOTION')) this.client.sendNew('Switch', this.deviceName, 'FOCUS_ABORT_MOTION', { ABORT: 'On' });
  }
}

export class IndiFilterWheel extends IndiDevice implements FilterWheelDriver {
  readonly type = 'filterwheel' as const;

  status(): FilterWheelStatus {
    const slot = this.client.property(this.deviceName, 'FILTER_SLOT');
    const names = [...(this.client.property(this.deviceName, 'FILTER_NAME')?.values.values() ?? [])];
    const moving = slot?.state === 'Busy';
    // INDI slots are 1-based; ninaAPI and ASCOM count from 0 (-1 while moving).
    return { position: moving ? -1 : this.num('FILTER_SLOT', 'FILTER_SLOT_VALUE', 1) - 1, names, isMoving: moving };
  }

  async setPosition(position: number): Promise<void> {
    await this.client.change('Number', this.deviceName, 'FILTER_SLOT', { FILTER_SLOT_VALUE: position + 1 });
  }
}

export class IndiRotator extends IndiDevice implements RotatorDriver {
  readonly type = 'rotator' as const;

  status(): RotatorStatus {
    const angle = this.num('ABS_ROTATOR_ANGLE', 'ANGLE');
    return { position: angle, mechanicalPosition: angle, isMoving: this.client.property(this.deviceName, 'ABS_ROTATOR_ANGLE')?.state === 'Busy', reverse: this.on('ROTATOR_REVERSE', 'INDI_ENABLED'), canReverse: this.has('ROTATOR_REVERSE'), stepSize: 1 };
  }

  moveMechanical(degrees: number): Promise<void> {
    this.client.sendNew('Number', this.deviceName, 'ABS_ROTATOR_ANGLE', { ANGLE: ((degrees % 360) + 360) % 360 });
    return Promise.resolve();
  }

  async setReverse(reverse: boolean): Promise<void> {
    await this.client.change('Switch', this.deviceName, 'ROTATOR_REVERSE', { [reverse ? 'INDI_ENABLED' : 'INDI_DISABLED']: 'On' });
  }

  halt(): Promise<void> {
    this.client.sendNew('Switch', this.deviceName, 'ROTATOR_ABORT_MOTION', { ABORT: 'On' });
    return Promise.resolve();
  }
}

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

  private send(property: string, values: Record<string, string>): Promise<void> {
    this.requireProperty(property);
    this.client.sendNew('Switch', this.deviceName, property, values);
    return Promise.resolve();
  }
}
