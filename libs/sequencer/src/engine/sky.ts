import { Body, Equator, EquatorFromVector, Horizon, MakeTime, Observer, RotateVector, Rotation_EQJ_EQD, SiderealTime, Spherical, VectorFromSphere } from 'astronomy-engine';

export interface Site {
  latitude: number;
  longitude: number;
  elevation: number;
}

/** Positions from astronomy-engine for the active profile's site. Coordinates are J2000 degrees. */
export class Sky {
  private readonly observer: Observer;

  constructor(readonly site: Site) {
    this.observer = new Observer(site.latitude, site.longitude, site.elevation);
  }

  /** Right ascension (hours) and declination of date for J2000 coordinates. */
  private ofDate(raDeg: number, decDeg: number, at: Date): { ra: number; dec: number } {
    const time = MakeTime(at);
    const vector = RotateVector(Rotation_EQJ_EQD(time), VectorFromSphere(new Spherical(decDeg, raDeg, 1), time));
    const eq = EquatorFromVector(vector);
    return { ra: eq.ra, dec: eq.dec };
  }

  altitude(raDeg: number, decDeg: number, at: Date): number {
    const { ra, dec } = this.ofDate(raDeg, decDeg, at);
    return Horizon(MakeTime(at), this.observer, ra, dec, 'normal').altitude;
  }

  sunAltitude(at: Date): number {
    const sun = Equator(Body.Sun, MakeTime(at), this.observer, true, true);
    return Horizon(MakeTime(at), this.observer, sun.ra, sun.dec, 'normal').altitude;
  }

  /** Hour angle in hours, -12..12 (negative east of the meridian). */
  hourAngle(raDeg: number, decDeg: number, at: Date): number {
    const { ra } = this.ofDate(raDeg, decDeg, at);
    const lst = SiderealTime(MakeTime(at)) + this.site.longitude / 15;
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
