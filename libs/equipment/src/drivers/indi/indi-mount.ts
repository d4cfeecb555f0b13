import type { Clock } from '@app/core';
import { altAz, j2000ToJNow, localSiderealHours } from '../astro/astro';
import { DeviceRefusal } from '../contract/device-driver';
import type { MountAxis, MountDriver, MountStatus, TrackingMode } from '../contract/device-interfaces';
import type { IndiClient } from './indi-client';
import { IndiDevice } from './indi-device';
import type { IndiProperty } from './indi-protocol';

/** INDI's manual motion switches per axis: [property, element for + (east/north), element for −]. */
const MOTION: Record<MountAxis, [string, string, string]> = {
  primary: ['TELESCOPE_MOTION_WE', 'MOTION_EAST', 'MOTION_WEST'],
  secondary: ['TELESCOPE_MOTION_NS', 'MOTION_NORTH', 'MOTION_SOUTH'],
};
/**
 * INDI has no rate in degrees per second for manual moves, only TELESCOPE_SLEW_RATE's named steps
 * (slowest first: 1x..4x on the simulator, guide/centering/find/max on others). A requested
 * rate picks the step by its share of this maximum (degrees per second).
 */
export const INDI_MAX_AXIS_RATE = 4;

/**
 * How long a goto may go unanswered (no Busy EQUATORIAL_EOD_COORD) before it no longer counts as
 * a slew under way: a driver that moves nowhere never reports Busy.
 */
const GOTO_ANSWER_MS = 10_000;

const TRACK_MODES: Partial<Record<TrackingMode, string>> = { Siderial: 'TRACK_SIDEREAL', Lunar: 'TRACK_LUNAR', Solar: 'TRACK_SOLAR' };

/**
 * An INDI telescope. ninaAPI speaks J2000 degrees; INDI's EQUATORIAL_EOD_COORD is RA in hours
 * and Dec in degrees of the epoch of date (JNow), so slews and syncs are precessed here, and
 * the status reports the mount's own JNow coordinates with Epoch JNOW (as N.I.N.A. does).
 */
export class IndiMount extends IndiDevice implements MountDriver {
  readonly type = 'mount' as const;
  private reportedParked: boolean | null = null;
  /**
   * A goto sent and not finished: from the request until EQUATORIAL_EOD_COORD, having gone Busy,
   * settles. The vector stays Ok with TRACK_ON until the driver's next poll (up to a second on the
   * simulator), so without this a slew just asked for reads as finished.
   */
  private gotoUnderWay: { sawBusy: boolean; sentAt: number } | null = null;

  constructor(
    client: IndiClient,
    deviceName: string,
    private readonly clock: Clock,
  ) {
    super(client, deviceName);
  }

  override async connect(): Promise<void> {
    await super.connect();
    this.reportedParked = this.on('TELESCOPE_PARK', 'PARK');
  }

  status(): MountStatus {
    const raHours = this.num('EQUATORIAL_EOD_COORD', 'RA');
    const decDeg = this.num('EQUATORIAL_EOD_COORD', 'DEC');
    const latitude = this.num('GEOGRAPHIC_COORD', 'LAT');
    const longitudeEast = this.num('GEOGRAPHIC_COORD', 'LONG');
    const longitude = longitudeEast > 180 ? longitudeEast - 360 : longitudeEast;
    const lst = localSiderealHours(this.clock.now(), longitude);
    const { altitude, azimuth } = altAz(raHours * 15, decDeg, lst, latitude);
    const tracking = this.on('TELESCOPE_TRACK_STATE', 'TRACK_ON');
    const mode = (Object.entries(TRACK_MODES).find(([, element]) => this.on('TELESCOPE_TRACK_MODE', element!))?.[0] as TrackingMode | undefined) ?? 'Custom';
    return {
      raHours,
      decDeg,
      altitudeDeg: altitude,
      azimuthDeg: azimuth,
      siderealTimeHours: lst,
      // PARK turns On when parking starts; parked is when the vector reports Ok.
      atPark: this.on('TELESCOPE_PARK', 'PARK') && this.client.property(this.deviceName, 'TELESCOPE_PARK')?.state === 'Ok',
      atHome: false,
      slewing: this.gotoPending() || (this.client.property(this.deviceName, 'EQUATORIAL_EOD_COORD')?.state === 'Busy' && !tracking),
      trackingMode: tracking ? mode : 'Stopped',
      sideOfPier: this.on('TELESCOPE_PIER_SIDE', 'PIER_EAST') ? 'pierEast' : this.on('TELESCOPE_PIER_SIDE', 'PIER_WEST') ? 'pierWest' : 'pierUnknown',
      siteLatitude: latitude,
      siteLongitude: longitude,
      siteElevation: this.num('GEOGRAPHIC_COORD', 'ELEV'),
      epoch: 'JNOW',
    };
  }

  /** Motion starts with the switch On (the vector is Busy while it moves) and stops with both Off. */
  async moveAxis(axis: MountAxis, rateDegPerSec: number): Promise<void> {
    const [property, plus, minus] = MOTION[axis];
    await this.requireProperty(property);
    if (rateDegPerSec === 0) {
      this.client.sendNew('Switch', this.deviceName, property, { [plus]: 'Off', [minus]: 'Off' });
      return;
    }
    if (this.on('TELESCOPE_PARK', 'PARK')) throw new DeviceRefusal('Mount parked', 409);
    const step = this.slewRateStep(Math.abs(rateDegPerSec));
    if (step) await this.client.change('Switch', this.deviceName, 'TELESCOPE_SLEW_RATE', { [step]: 'On' });
    const [on, off] = rateDegPerSec > 0 ? [plus, minus] : [minus, plus];
    this.client.sendNew('Switch', this.deviceName, property, { [on]: 'On', [off]: 'Off' });
  }

  slew(raDeg: number, decDeg: number): Promise<void> {
    return this.goto('TRACK', raDeg, decDeg);
  }

  sync(raDeg: number, decDeg: number): Promise<void> {
    return this.goto('SYNC', raDeg, decDeg);
  }

  stopSlew(): Promise<void> {
    this.gotoUnderWay = null;
    this.client.sendNew('Switch', this.deviceName, 'TELESCOPE_ABORT_MOTION', { ABORT: 'On' });
    return Promise.resolve();
  }

  /** Parking takes tens of seconds; the call returns once it is sent and MOUNT-PARKED follows. */
  park(): Promise<void> {
    this.client.sendNew('Switch', this.deviceName, 'TELESCOPE_PARK', { PARK: 'On' });
    return Promise.resolve();
  }

  async unpark(): Promise<void> {
    await this.client.change('Switch', this.deviceName, 'TELESCOPE_PARK', { UNPARK: 'On' });
  }

  async setParkPosition(): Promise<void> {
    await this.client.change('Switch', this.deviceName, 'TELESCOPE_PARK_OPTION', { PARK_CURRENT: 'On' });
    await this.client.change('Switch', this.deviceName, 'TELESCOPE_PARK_OPTION', { PARK_WRITE_DATA: 'On' });
  }

  findHome(): Promise<void> {
    throw new DeviceRefusal('This INDI mount has no home position (no TELESCOPE_HOME)', 400);
  }

  async setTracking(mode: TrackingMode): Promise<void> {
    if (mode === 'Stopped') {
      await this.client.change('Switch', this.deviceName, 'TELESCOPE_TRACK_STATE', { TRACK_OFF: 'On' });
      return;
    }
    const element = TRACK_MODES[mode];
    if (!element) throw new DeviceRefusal('Invalid tracking mode', 400);
    await this.client.change('Switch', this.deviceName, 'TELESCOPE_TRACK_MODE', { [element]: 'On' });
    this.client.sendNew('Switch', this.deviceName, 'TELESCOPE_TRACK_STATE', { TRACK_ON: 'On' });
  }

  private gotoPending(): boolean {
    const goto = this.gotoUnderWay;
    if (goto && !goto.sawBusy && performance.now() - goto.sentAt > GOTO_ANSWER_MS) this.gotoUnderWay = null;
    return this.gotoUnderWay !== null;
  }

  protected override onProperty(p: IndiProperty): void {
    if (p.name === 'EQUATORIAL_EOD_COORD' && this.gotoUnderWay) {
      if (p.state === 'Busy') this.gotoUnderWay.sawBusy = true;
      else if (this.gotoUnderWay.sawBusy || p.state === 'Alert') this.gotoUnderWay = null;
    }
    if (p.name !== 'TELESCOPE_PARK' || p.state !== 'Ok') return;
    // The simulator repeats an Ok update after unparking: report changes only.
    const parked = p.values.get('PARK') === 'On';
    if (parked === this.reportedParked) return;
    this.reportedParked = parked;
    this.listener({ kind: 'event', event: parked ? 'MOUNT-PARKED' : 'MOUNT-UNPARKED' });
  }

  private slewRateStep(rateDegPerSec: number): string | undefined {
    const steps = [...(this.client.property(this.deviceName, 'TELESCOPE_SLEW_RATE')?.values.keys() ?? [])];
    if (!steps.length) return undefined;
    return steps[Math.min(steps.length - 1, Math.floor((rateDegPerSec / INDI_MAX_AXIS_RATE) * steps.length))];
  }

  private async goto(action: 'TRACK' | 'SYNC', raDeg: number, decDeg: number): Promise<void> {
    // A parked INDI mount ignores motion silently (only a warning message): refuse up front.
    if (this.on('TELESCOPE_PARK', 'PARK')) throw new DeviceRefusal('Mount parked', 409);
    const jnow = j2000ToJNow(raDeg, decDeg, this.clock.now());
    await this.client.change('Switch', this.deviceName, 'ON_COORD_SET', { [action]: 'On' });
    if (action === 'TRACK') this.gotoUnderWay = { sawBusy: false, sentAt: performance.now() };
    this.client.sendNew('Number', this.deviceName, 'EQUATORIAL_EOD_COORD', { RA: jnow.raDeg / 15, DEC: jnow.decDeg });
  }
}
