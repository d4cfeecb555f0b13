/**
 * Three-point polar alignment geometry. Directions are unit vectors in the local horizon frame
 * (x north, y east, z up), fixed to the Earth, so the sky's rotation between exposures does not
 * matter: a frame centre (hour angle, declination of date) turns around the mount's RA axis when
 * the RA axis turns, so three centres lie on a circle whose normal is that axis. Its altitude and
 * azimuth against the celestial pole's (latitude, 0° / south: −latitude, 180°) are the errors.
 */

type Vector = [number, number, number];

const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;
const dot = (a: Vector, b: Vector) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vector, b: Vector): Vector => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const minus = (a: Vector, b: Vector): Vector => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const scale = (a: Vector, k: number): Vector => [a[0] * k, a[1] * k, a[2] * k];
const normalize = (a: Vector): Vector => scale(a, 1 / Math.hypot(...a));
const wrap180 = (d: number) => ((((d + 180) % 360) + 360) % 360) - 180;

/** Equatorial axes in the horizon frame: e1 (HA 0, Dec 0), west (HA +6 h), pole (Dec +90). */
function equatorialAxes(latitudeDeg: number): [Vector, Vector, Vector] {
  const lat = rad(latitudeDeg);
  return [
    [-Math.sin(lat), 0, Math.cos(lat)],
    [0, -1, 0],
    [Math.cos(lat), 0, Math.sin(lat)],
  ];
}

export function hourAngleDecToVector(haDeg: number, decDeg: number, latitudeDeg: number): Vector {
  const [e1, west, pole] = equatorialAxes(latitudeDeg);
  const ha = rad(haDeg);
  const dec = rad(decDeg);
  const a = Math.cos(dec) * Math.cos(ha);
  const b = Math.cos(dec) * Math.sin(ha);
  const c = Math.sin(dec);
  return [a * e1[0] + b * west[0] + c * pole[0], a * e1[1] + b * west[1] + c * pole[1], a * e1[2] + b * west[2] + c * pole[2]];
}

export function vectorToHourAngleDec(v: Vector, latitudeDeg: number): { haDeg: number; decDeg: number } {
  const [e1, west, pole] = equatorialAxes(latitudeDeg);
  return { haDeg: deg(Math.atan2(dot(v, west), dot(v, e1))), decDeg: deg(Math.asin(Math.max(-1, Math.min(1, dot(v, pole))))) };
}

function altAzOf(v: Vector): { alt: number; az: number } {
  return { alt: deg(Math.asin(Math.max(-1, Math.min(1, v[2])))), az: deg(Math.atan2(v[1], v[0])) };
}

/** Turns v about the zenith by angleDeg (north towards east). */
function turnAboutZenith(v: Vector, angleDeg: number): Vector {
  const a = rad(angleDeg);
  return [v[0] * Math.cos(a) - v[1] * Math.sin(a), v[0] * Math.sin(a) + v[1] * Math.cos(a), v[2]];
}

/** Turns v about the east–west line by angleDeg (north towards the zenith). */
function tiltAboutEastWest(v: Vector, angleDeg: number): Vector {
  const a = rad(angleDeg);
  return [v[0] * Math.cos(a) - v[2] * Math.sin(a), v[1], v[0] * Math.sin(a) + v[2] * Math.cos(a)];
}

/**
 * Where a mount whose RA axis is off the pole by (altErr, azErr) degrees truly points when it
 * believes it points at (ha, dec): the aligned direction turned by altErr about the east–west
 * line (raising the axis) and then by azErr about the zenith (towards east). The forward model of
 * the simulator's misalignment.
 */
export function misalignedPointing(haDeg: number, decDeg: number, latitudeDeg: number, altErrDeg: number, azErrDeg: number): { haDeg: number; decDeg: number } {
  const sign = latitudeDeg < 0 ? -1 : 1; // the visible pole: raising it turns the other way in the south
  const v = turnAboutZenith(tiltAboutEastWest(hourAngleDecToVector(haDeg, decDeg, latitudeDeg), altErrDeg * sign), azErrDeg);
  return vectorToHourAngleDec(v, latitudeDeg);
}

export interface PolarError {
  /** Degrees the RA axis points east (+) or west (−) of the pole. */
  AzimuthError: number;
  /** Degrees the RA axis points above (+) or below (−) the pole. */
  AltitudeError: number;
  /** Degrees between the RA axis and the pole. */
  TotalError: number;
}

/** The polar error from three frame centres (hour angle and declination of date, degrees). */
export function polarErrorFromThreePoints(points: { haDeg: number; decDeg: number }[], latitudeDeg: number): PolarError {
  if (points.length !== 3) throw new Error('three points are needed');
  const [p1, p2, p3] = points.map((p) => hourAngleDecToVector(p.haDeg, p.decDeg, latitudeDeg));
  if (Math.hypot(...cross(minus(p2, p1), minus(p3, p2))) < 1e-9) throw new Error('the three points do not span a circle (the RA axis did not turn)');
  return errorOfAxis(estimateAxis(points, latitudeDeg));
}

/** Turns v about the unit axis by angleDeg (right-handed, Rodrigues' formula). */
function rotateAbout(v: Vector, axis: Vector, angleDeg: number): Vector {
  const a = rad(angleDeg);
  const [c, sn] = [Math.cos(a), Math.sin(a)];
  const k = cross(axis, v);
  const d = dot(axis, v) * (1 - c);
  return [v[0] * c + k[0] * sn + axis[0] * d, v[1] * c + k[1] * sn + axis[1] * d, v[2] * c + k[2] * sn + axis[2] * d];
}

/** The RA axis found by the three-point measurement, for following the user's adjustments. */
export interface MountAxisEstimate {
  axis: Vector;
  latitudeDeg: number;
}

export function estimateAxis(points: { haDeg: number; decDeg: number }[], latitudeDeg: number): MountAxisEstimate {
  const [p1, p2, p3] = points.map((p) => hourAngleDecToVector(p.haDeg, p.decDeg, latitudeDeg));
  const visiblePole = scale(equatorialAxes(latitudeDeg)[2], latitudeDeg < 0 ? -1 : 1);
  let axis = normalize(cross(minus(p2, p1), minus(p3, p2)));
  if (dot(axis, visiblePole) < 0) axis = scale(axis, -1);
  return { axis, latitudeDeg };
}

export function errorOfAxis({ axis, latitudeDeg }: MountAxisEstimate): PolarError {
  const visiblePole = scale(equatorialAxes(latitudeDeg)[2], latitudeDeg < 0 ? -1 : 1);
  const mount = altAzOf(axis);
  const pole = altAzOf(visiblePole);
  return {
    AzimuthError: wrap180(mount.az - pole.az),
    AltitudeError: mount.alt - pole.alt,
    TotalError: deg(Math.acos(Math.max(-1, Math.min(1, dot(axis, visiblePole))))),
  };
}

/**
 * The adjustment phase: the mount stayed at the last point, so where a new frame should be is the
 * last centre turned about the RA axis by the hour angle the mount tracked since (`trackedDeg`).
 * Where it is instead comes from the user turning the bolts: the azimuth bolt turns the mount
 * about the zenith, the altitude bolt about the mount's own east–west line (turned by its
 * current azimuth error). The two angles that take the expected centre to the measured one are
 * solved exactly and applied to the axis.
 */
export function followAdjustment(estimate: MountAxisEstimate, last: { haDeg: number; decDeg: number }, trackedDeg: number, now: { haDeg: number; decDeg: number }): MountAxisEstimate {
  const celestialNorth = equatorialAxes(estimate.latitudeDeg)[2];
  // Hour angle grows right-handed about the north pole's direction, whichever pole is visible.
  const northward = dot(estimate.axis, celestialNorth) >= 0 ? estimate.axis : scale(estimate.axis, -1);
  const expected = rotateAbout(hourAngleDecToVector(last.haDeg, last.decDeg, estimate.latitudeDeg), northward, trackedDeg);
  const measured = hourAngleDecToVector(now.haDeg, now.decDeg, estimate.latitudeDeg);
  // In the frame of the mount's current azimuth the altitude bolt turns about the east–west line.
  const azimuthNow = errorOfAxis(estimate).AzimuthError;
  const e = turnAboutZenith(expected, -azimuthNow);
  const m = turnAboutZenith(measured, -azimuthNow);
  // The zenith turn keeps z, so after the altitude turn z must already be the measured one.
  const reach = Math.hypot(e[0], e[2]);
  const phase = Math.atan2(e[0], e[2]);
  const spread = Math.acos(Math.max(-1, Math.min(1, m[2] / reach)));
  const altitude = deg([phase + spread, phase - spread].reduce((best, a) => (Math.abs(a) < Math.abs(best) ? a : best)));
  const tilted = tiltAboutEastWest(e, altitude);
  const azimuth = deg(Math.atan2(m[1], m[0]) - Math.atan2(tilted[1], tilted[0]));
  const moved = turnAboutZenith(turnAboutZenith(tiltAboutEastWest(turnAboutZenith(estimate.axis, -azimuthNow), altitude), azimuth), azimuthNow);
  return { axis: normalize(moved), latitudeDeg: estimate.latitudeDeg };
}
