import type { Observer } from 'astronomy-engine';
import { onFirstUse } from '@app/core';

/** astronomy-engine's 0.8 MB source is loaded when a sequence first needs the sky (~2.6 MiB resident). */
const astronomy = onFirstUse(() => require('astronomy-engine') as typeof import('astronomy-engine'));

export interface Site {
  latitude: number;
  longitude: number;
  elevation: number;
}

/** Positions from astronomy-engine for the active profile's site. Coordinates are J2000 degrees. */
export class Sky {
  private readonly observer: Observer;
  private readonly lib = astronomy();

  constructor(readonly site: Site) {
    this.observer = new this.lib.Observer(site.latitude, site.longitude, site.elevation);
  }

  /** Right ascension (hours) and declination of date for J2000 coordinates. */
  private ofDate(raDeg: number, decDeg: number, at: Date): { ra: number; dec: number } {
    const { EquatorFromVector, MakeTime, RotateVector, Rotation_EQJ_EQD, Spherical, VectorFromSphere } = this.lib;
    const time = MakeTime(at);
    const vector = RotateVector(Rotation_EQJ_EQD(time), VectorFromSphere(new Spherical(decDeg, raDeg, 1), time));
    const eq = EquatorFromVector(vector);
    return { ra: eq.ra, dec: eq.dec };
  }

  altitude(raDeg: number, decDeg: number, at: Date): number {
    const { ra, dec } = this.ofDate(raDeg, decDeg, at);
    return this.lib.Horizon(this.lib.MakeTime(at), this.observer, ra, dec, 'normal').altitude;
  }

  sunAltitude(at: Date): number {
    const { Body, Equator, Horizon, MakeTime } = this.lib;
    const sun = Equator(Body.Sun, MakeTime(at), this.observer, true, true);
    return Horizon(MakeTime(at), this.observer, sun.ra, sun.dec, 'normal').altitude;
  }

  /** Hour angle in hours, -12..12 (negative east of the meridian). */
  hourAngle(raDeg: number, decDeg: number, at: Date): number {
    const { ra } = this.ofDate(raDeg, decDeg, at);
    const lst = this.lib.SiderealTime(this.lib.MakeTime(at)) + this.site.longitude / 15;
    return ((((lst - ra) % 24) + 36) % 24) - 12;
  }

  /** Solar hours until the target crosses the meridian (0 when it is west of it). */
  hoursToMeridian(raDeg: number, decDeg: number, at: Date): number {
    const ha = this.hourAngle(raDeg, decDeg, at);
    return ha >= 0 ? 0 : -ha * 0.9972695663;
  }

  /** Whether the altitude grows over the next minutes. */
  rising(raDeg: number, decDeg: number, at: Date): boolean {
    return this.altitude(raDeg, decDeg, new Date(at.getTime() + 5 * 60_000)) > this.altitude(raDeg, decDeg, at);
  }
}
