import { onFirstUse } from '@app/core';

/** astronomy-engine's 0.8 MB source is loaded by the first request that needs it (~2.6 MiB resident). */
const astronomy = onFirstUse(() => require('astronomy-engine') as typeof import('astronomy-engine'));

/** N.I.N.A.'s AstroUtil.MoonPhase names. */
export type MoonPhase = 'Unknown' | 'FullMoon' | 'WaningGibbous' | 'LastQuarter' | 'WaningCrescent' | 'NewMoon' | 'WaxingCrescent' | 'FirstQuarter' | 'WaxingGibbous';

export interface Site {
  latitude: number;
  longitude: number;
  elevation: number;
}

/**
 * The Moon's apparent topocentric position (astronomy-engine) against a J2000 target: the angle
 * between them in degrees, and the phase named as N.I.N.A. names it from the Moon's right
 * ascension minus the Sun's (AstroUtil.GetMoonPhase: 0..45° is NewMoon, 45..90° WaxingCrescent ...).
 */
export function moonSeparation(raDeg: number, decDeg: number, site: Site, at: Date): { Separation: number; MoonPhase: MoonPhase } {
  const { AngleBetween, Body, Equator, MakeTime, Observer, Spherical, VectorFromSphere } = astronomy();
  const time = MakeTime(at);
  const observer = new Observer(site.latitude, site.longitude, site.elevation);
  const moonJ2000 = Equator(Body.Moon, time, observer, false, true);
  const target = VectorFromSphere(new Spherical(decDeg, raDeg, 1), time);
  const separation = AngleBetween(moonJ2000.vec, target);
  const moon = Equator(Body.Moon, time, observer, true, true);
  const sun = Equator(Body.Sun, time, observer, true, true);
  let angle = (moon.ra - sun.ra) * 15;
  if (angle > 180) angle -= 360;
  else if (angle < -180) angle += 360;
  return { Separation: separation, MoonPhase: phaseName(angle) };
}

function phaseName(angle: number): MoonPhase {
  if ((angle >= -180 && angle < -135) || angle === 180) return 'FullMoon';
  if (angle < -90) return 'WaningGibbous';
  if (angle < -45) return 'LastQuarter';
  if (angle < 0) return 'WaningCrescent';
  if (angle < 45) return 'NewMoon';
  if (angle < 90) return 'WaxingCrescent';
  if (angle < 135) return 'FirstQuarter';
  if (angle < 180) return 'WaxingGibbous';
  return 'Unknown';
}
