/** N.I.N.A.'s InputCoordinates (RAHours/RAMinutes/RASeconds, NegativeDec/DecDegrees/DecMinutes/DecSeconds, J2000) in degrees. */
export interface Radec {
  raDeg: number;
  decDeg: number;
}

export function coordinatesDeg(raw: unknown): Radec | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Record<string, unknown>;
  // Some writers nest the InputCoordinates once more ({"Coordinates": {...}}).
  if (c.RAHours === undefined && typeof c.Coordinates === 'object') return coordinatesDeg(c.Coordinates);
  if (typeof c.RADegrees === 'number' && typeof c.Dec === 'number') return { raDeg: c.RADegrees, decDeg: c.Dec };
  const n = (key: string) => Number(c[key] ?? 0);
  const raHours = n('RAHours') + n('RAMinutes') / 60 + n('RASeconds') / 3600;
  const dec = Math.abs(n('DecDegrees')) + n('DecMinutes') / 60 + n('DecSeconds') / 3600;
  const negative = c.NegativeDec === true || n('DecDegrees') < 0;
  return { raDeg: raHours * 15, decDeg: negative ? -dec : dec };
}

function sexagesimal(value: number, unit: string): string {
  const sign = value < 0 ? '-' : '';
  let rest = Math.abs(value);
  const whole = Math.floor(rest);
  rest = (rest - whole) * 60;
  const minutes = Math.floor(rest);
  const seconds = Math.round((rest - minutes) * 60);
  const pad = (v: number) => String(v).padStart(2, '0');
  return unit === 'h' ? `${sign}${pad(whole)}:${pad(minutes)}:${pad(seconds)}` : `${sign}${whole}° ${pad(minutes)}' ${pad(seconds)}"`;
}

/** N.I.N.A.'s Coordinates object as ninaAPI writes it (RA in hours, Dec in degrees, J2000). */
export function coordinatesView(c: Radec | null | undefined): Record<string, unknown> | null {
  if (!c) return null;
  return { RA: c.raDeg / 15, RAString: sexagesimal(c.raDeg / 15, 'h'), RADegrees: c.raDeg, Dec: c.decDeg, DecString: sexagesimal(c.decDeg, 'd'), Epoch: 'J2000' };
}
