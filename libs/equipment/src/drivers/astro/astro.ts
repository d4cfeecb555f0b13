/** Small astronomy helpers: sidereal time, alt/az, sexagesimal strings. Angles in degrees unless named hours. */

const J2000_MS = Date.UTC(2000, 0, 1, 12, 0, 0);

/** Greenwich mean sidereal time in hours (IAU 1982, good to ~0.1 s over decades). */
export function greenwichSiderealHours(date: Date): number {
  const d = (date.getTime() - J2000_MS) / 86_400_000;
  const t = d / 36525;
  const gmstDeg = 280.46061837 + 360.98564736629 * d + 0.000387933 * t * t;
  return (((gmstDeg % 360) + 360) % 360) / 15;
}

export function localSiderealHours(date: Date, longitudeDeg: number): number {
  return (((greenwichSiderealHours(date) + longitudeDeg / 15) % 24) + 24) % 24;
}

const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

export function altAz(raDeg: number, decDeg: number, lstHours: number, latitudeDeg: number): { altitude: number; azimuth: number } {
  const ha = rad(lstHours * 15 - raDeg);
  const dec = rad(decDeg);
  const lat = rad(latitudeDeg);
  const sinAlt = Math.sin(dec) * Math.sin(lat) + Math.cos(dec) * Math.cos(lat) * Math.cos(ha);
  const altitude = Math.asin(Math.max(-1, Math.min(1, sinAlt)));
  const y = -Math.sin(ha) * Math.cos(dec);
  const x = Math.sin(dec) * Math.cos(lat) - Math.cos(dec) * Math.sin(lat) * Math.cos(ha);
  const azimuth = (deg(Math.atan2(y, x)) + 360) % 360;
  return { altitude: deg(altitude), azimuth };
}

function sexagesimal(value: number, withSign: boolean, units: [string, string, string]): string {
  const sign = value < 0 ? '-' : withSign ? '' : '';
  let total = Math.round(Math.abs(value) * 3600);
  const s = total % 60;
  total = (total - s) / 60;
  const m = total % 60;
  const d = (total - m) / 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(d)}${units[0]}${pad(m)}${units[1]}${pad(s)}${units[2]}`;
}

/** "03:07:27" as ninaAPI prints RA hours and times. */
export const hoursString = (hours: number): string => sexagesimal(hours, false, [':', ':', '']);
/** "01° 56' 40\"" as ninaAPI prints Dec/Alt/Az. */
export const degreesString = (degrees: number): string => sexagesimal(degrees, true, ['° ', "' ", '"']);

const ARCSEC = Math.PI / 648000;

function precessionAngles(date: Date): { zeta: number; z: number; theta: number } {
  const t = (date.getTime() - J2000_MS) / 86_400_000 / 36525;
  return {
    zeta: (2306.2181 * t + 0.30188 * t * t + 0.017998 * t ** 3) * ARCSEC,
    z: (2306.2181 * t + 1.09468 * t * t + 0.018203 * t ** 3) * ARCSEC,
    theta: (2004.3109 * t - 0.42665 * t * t - 0.041833 * t ** 3) * ARCSEC,
  };
}

/**
 * J2000 → mean equator and equinox of date (IAU 1976 precession). Nutation and aberration
 * (≤ ≈ 40″ together) are left out: mounts re-sync on the sky. (INDI's libnova conversions include
 * them: indi-bin's CCD simulator draws ≈ 40″ from where a mount here was sent.)
 */
export function j2000ToJNow(raDeg: number, decDeg: number, date: Date): { raDeg: number; decDeg: number } {
  const { zeta, z, theta } = precessionAngles(date);
  const ra = rad(raDeg) + zeta;
  const dec = rad(decDeg);
  const a = Math.cos(dec) * Math.sin(ra);
  const b = Math.cos(theta) * Math.cos(dec) * Math.cos(ra) - Math.sin(theta) * Math.sin(dec);
  const c = Math.sin(theta) * Math.cos(dec) * Math.cos(ra) + Math.cos(theta) * Math.sin(dec);
  return { raDeg: (deg(Math.atan2(a, b) + z) + 360) % 360, decDeg: deg(Math.asin(Math.max(-1, Math.min(1, c)))) };
}

/** The inverse rotation of j2000ToJNow. */
export function jNowToJ2000(raDeg: number, decDeg: number, date: Date): { raDeg: number; decDeg: number } {
  const { zeta, z, theta } = precessionAngles(date);
  const ra = rad(raDeg) - z;
  const dec = rad(decDeg);
  const a = Math.cos(dec) * Math.sin(ra);
  const b = Math.cos(theta) * Math.cos(dec) * Math.cos(ra) + Math.sin(theta) * Math.sin(dec);
  const c = -Math.sin(theta) * Math.cos(dec) * Math.cos(ra) + Math.cos(theta) * Math.sin(dec);
  return { raDeg: (deg(Math.atan2(a, b) - zeta) + 360) % 360, decDeg: deg(Math.asin(Math.max(-1, Math.min(1, c)))) };
}
