import type { Clock } from '@app/core';
import { DeviceRefusal } from '../device-driver';
import type { MountDriver, MountStatus, TrackingMode } from '../device-interfaces';
import { altAz, localSiderealHours } from '../../devices/astro';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';

/** An equatorial mount that reaches every target at once; it keeps J2000 coordinates (epoch J2000). */
export class SimulatedMount extends SimulatedDevice implements MountDriver {
  readonly type = 'mount' as const;
  private raDeg = 0;
  private decDeg = 90;
  private parkRaOffsetHours = 0;
  private parkDecDeg = 90;
  private atPark = true;
  private atHome = false;
  private tracking: TrackingMode = 'Stopped';
  private readonly site = { latitude: 48.2, longitude: 16.37, elevation: 180 };

  constructor(private readonly clock: Clock) {
    super(simulatorIdentity('Mount Simulator', 'skygate.sim.mount'));
    this.moveToPark();
  }

  status(): MountStatus {
    const now = this.clock.now();
    const lst = localSiderealHours(now, this.site.longitude);
    const { altitude, azimuth } = altAz(this.raDeg, this.decDeg, lst, this.site.latitude);
    const hourAngle = (((lst - this.raDeg / 15) % 24) + 24) % 24;
    return {
      raHours: this.raDeg / 15,
      decDeg: this.decDeg,
      altitudeDeg: altitude,
      azimuthDeg: azimuth,
      siderealTimeHours: lst,
      atPark: this.atPark,
      atHome: this.atHome,
      slewing: false,
      trackingMode: this.tracking,
      sideOfPier: hourAngle < 12 ? 'pierWest' : 'pierEast',
      siteLatitude: this.site.latitude,
      siteLongitude: this.site.longitude,
      siteElevation: this.site.elevation,
      epoch: 'J2000',
    };
  }

  slew(raDeg: number, decDeg: number): Promise<void> {
    this.requireUnparked();
    this.raDeg = raDeg;
    this.decDeg = decDeg;
    this.atHome = false;
    if (this.tracking === 'Stopped') this.tracking = 'Siderial';
    return Promise.resolve();
  }

  sync(raDeg: number, decDeg: number): Promise<void> {
    this.requireUnparked();
    this.raDeg = raDeg;
    this.decDeg = decDeg;
    return Promise.resolve();
  }

  stopSlew(): Promise<void> {
    return Promise.resolve();
  }

  park(): Promise<void> {
    this.moveToPark();
    this.atPark = true;
    this.atHome = false;
    this.tracking = 'Stopped';
    this.emit('MOUNT-PARKED');
    return Promise.resolve();
  }

  unpark(): Promise<void> {
    this.atPark = false;
    this.emit('MOUNT-UNPARKED');
    return Promise.resolve();
  }

  setParkPosition(): Promise<void> {
    const lst = localSiderealHours(this.clock.now(), this.site.longitude);
    this.parkRaOffsetHours = lst - this.raDeg / 15;
    this.parkDecDeg = this.decDeg;
    return Promise.resolve();
  }

  findHome(): Promise<void> {
    this.requireUnparked();
    this.moveToPark();
    this.atHome = true;
    this.emit('MOUNT-HOMED');
    return Promise.resolve();
  }

  setTracking(mode: TrackingMode): Promise<void> {
    if (mode === 'Custom') throw new DeviceRefusal('Invalid tracking mode', 400);
    this.tracking = mode;
    return Promise.resolve();
  }

  private requireUnparked(): void {
    if (this.atPark) throw new DeviceRefusal('Mount parked', 409);
  }

  /** The park position is fixed in hour angle, so its RA follows the sky. */
  private moveToPark(): void {
    const lst = localSiderealHours(this.clock.now(), this.site.longitude);
    this.raDeg = ((((lst - this.parkRaOffsetHours) % 24) + 24) % 24) * 15;
    this.decDeg = this.parkDecDeg;
  }
}
