import type { DomeDriver, DomeStatus } from '../contract/device-interfaces';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';

export class SimulatedDome extends SimulatedDevice implements DomeDriver {
  readonly type = 'dome' as const;
  private state: DomeStatus = { shutter: 'ShutterClosed', azimuthDeg: 90, atPark: true, atHome: false, slewing: false, following: false };
  private parkAzimuth = 90;

  constructor() {
    super(simulatorIdentity('Dome Simulator', 'skygate.sim.dome'));
  }

  status(): DomeStatus {
    return { ...this.state };
  }

  openShutter(): Promise<void> {
    this.state.shutter = 'ShutterOpen';
    this.emit('DOME-SHUTTER-OPENED');
    return Promise.resolve();
  }

  closeShutter(): Promise<void> {
    this.state.shutter = 'ShutterClosed';
    this.emit('DOME-SHUTTER-CLOSED');
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.emit('DOME-STOPPED');
    return Promise.resolve();
  }

  slew(azimuthDeg: number): Promise<void> {
    this.requireRange('azimuth', azimuthDeg, 0, 360);
    const from = this.state.azimuthDeg;
    Object.assign(this.state, { azimuthDeg: Math.round(azimuthDeg) % 360, atPark: false, atHome: false });
    this.emit('DOME-SLEWED', { From: from, To: this.state.azimuthDeg });
    return Promise.resolve();
  }

  sync(azimuthDeg: number): Promise<void> {
    this.state.azimuthDeg = Math.round(azimuthDeg) % 360;
    this.emit('DOME-SYNCED');
    return Promise.resolve();
  }

  park(): Promise<void> {
    Object.assign(this.state, { azimuthDeg: this.parkAzimuth, atPark: true, atHome: false });
    this.emit('DOME-PARKED');
    return Promise.resolve();
  }

  setParkPosition(): Promise<void> {
    this.parkAzimuth = this.state.azimuthDeg;
    return Promise.resolve();
  }

  findHome(): Promise<void> {
    Object.assign(this.state, { azimuthDeg: 0, atHome: true, atPark: false });
    this.emit('DOME-HOMED');
    return Promise.resolve();
  }

  setFollowing(on: boolean): Promise<void> {
    this.state.following = on;
    return Promise.resolve();
  }
}
