import type { Clock } from '@app/core';
import { DeviceRefusal } from '../contract/device-driver';
import type { MountAxis, MountDriver, MountStatus, TrackingMode } from '../contract/device-interfaces';
import { altAz, localSiderealHours } from '../astro/astro';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';
import type { SimulatedSky } from './simulated-sky';

/** Fastest manual axis move, degrees per second (a typical GEM's slew rate). */
export const SIMULATED_MAX_AXIS_RATE = 4;

/**
 * An equatorial mount that reaches every target at once; it keeps J2000 coordinates (epoch
 * J2000). Manual axis moves change RA/Dec at their rate over the injected Clock's time, so a test
 * that advances a ManualClock gets exact positions (Dec stops at the poles).
 */
export class SimulatedMount extends SimulatedDevice implements MountDriver {
  readonly type = 'mount' as const;
  private readonly axisRates: Record<MountAxis, number> = { primary: 0, secondary: 0 };
  private movedUntil: number;
  private raDeg = 0;
  private decDeg = 90;
  private parkRaOffsetHours = 0;
  private parkDecDeg = 90;
  private atPark = true;
  private atHome = false;
  private tracking: TrackingMode = 'Stopped';
  private readonly site = { latitude: 48.2, longitude: 16.37, elevation: 180 };

  constructor(
    private readonly clock: Clock,
    private readonly sky?: SimulatedSky,
  ) {
    super(simulatorIdentity('Mount Simulator', 'skygate.sim.mount'));
    this.movedUntil = clock.nowMs();
    this.moveToPark();
    sky?.forgetSyncs();
  }

  status(): MountStatus {
    this.applyAxisMotion();
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
      slewing: this.axisRates.primary !== 0 || this.axisRates.secondary !== 0,
      trackingMode: this.tracking,
      sideOfPier: hourAngle < 12 ? 'pierWest' : 'pierEast',
      siteLatitude: this.site.latitude,
      siteLongitude: this.site.longitude,
      siteElevation: this.site.elevation,
      epoch: 'J2000',
    };
  }

  moveAxis(axis: MountAxis, rateDegPerSec: number): Promise<void> {
    if (rateDegPerSec !== 0) this.requireUnparked();
    this.requireRange('rate', rateDegPerSec, -SIMULATED_MAX_AXIS_RATE, SIMULATED_MAX_AXIS_RATE);
    this.applyAxisMotion();
    this.axisRates[axis] = rateDegPerSec;
    if (rateDegPerSec !== 0) this.atHome = false;
    return Promise.resolve();
  }

  slew(raDeg: number, decDeg: number): Promise<void> {
    this.requireUnparked();
    this.stopAxes();
    this.raDeg = raDeg;
    this.decDeg = decDeg;
    this.atHome = false;
    if (this.tracking === 'Stopped') this.tracking = 'Siderial';
    return Promise.resolve();
  }

  sync(raDeg: number, decDeg: number): Promise<void> {
    this.requireUnparked();
    this.stopAxes();
    this.sky?.synced(this.raDeg, this.decDeg, raDeg, decDeg);
    this.raDeg = raDeg;
    this.decDeg = decDeg;
    return Promise.resolve();
  }

  stopSlew(): Promise<void> {
    this.stopAxes();
    return Promise.resolve();
  }

  park(): Promise<void> {
    this.stopAxes();
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
    this.applyAxisMotion();
    const lst = localSiderealHours(this.clock.now(), this.site.longitude);
    this.parkRaOffsetHours = lst - this.raDeg / 15;
    this.parkDecDeg = this.decDeg;
    return Promise.resolve();
  }

  findHome(): Promise<void> {
    this.requireUnparked();
    this.stopAxes();
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

  /** Moves the coordinates by the axis rates over the time since the last call. */
  private applyAxisMotion(): void {
    const now = this.clock.nowMs();
    const seconds = (now - this.movedUntil) / 1000;
    this.movedUntil = now;
    if (seconds <= 0) return;
    this.raDeg = (((this.raDeg + this.axisRates.primary * seconds) % 360) + 360) % 360;
    this.decDeg = Math.max(-90, Math.min(90, this.decDeg + this.axisRates.secondary * seconds));
  }

  private stopAxes(): void {
    this.applyAxisMotion();
    this.axisRates.primary = 0;
    this.axisRates.secondary = 0;
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
