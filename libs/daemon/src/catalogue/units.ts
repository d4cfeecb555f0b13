import { createHash } from 'node:crypto';

/** Mycodo addresses units by id (`C`, not "Celsius"); these are the ids the measurement routes accept. */
export const UNITS: Record<string, string> = {
  C: 'Celsius',
  F: 'Fahrenheit',
  K: 'Kelvin',
  percent: 'Percent',
  hPa: 'Hectopascal',
  kPa: 'Kilopascal',
  Pa: 'Pascal',
  m: 'Meter',
  mm: 'Millimeter',
  m_s: 'Meters per second',
  km_h: 'Kilometers per hour',
  deg: 'Degrees (angle)',
  mm_h: 'Millimeters per hour',
  mpsas: 'Magnitudes per square arcsecond',
  s: 'Second',
  minute: 'Minute',
  ms: 'Millisecond',
  lux: 'Lux',
  ppm: 'Parts per million',
  V: 'Volt',
  A: 'Ampere',
  W: 'Watt',
  Hz: 'Hertz',
  ml: 'Milliliter',
  bool: 'Boolean',
  none: 'Unitless',
};

/** Measurement kinds (Mycodo's `measure` tag) and the units each may use. */
export const MEASUREMENTS: Record<string, { name: string; units: string[] }> = {
  temperature: { name: 'Temperature', units: ['C', 'F', 'K'] },
  humidity: { name: 'Humidity', units: ['percent'] },
  dewpoint: { name: 'Dew Point', units: ['C', 'F', 'K'] },
  pressure: { name: 'Pressure', units: ['hPa', 'kPa', 'Pa'] },
  cloud_cover: { name: 'Cloud Cover', units: ['percent'] },
  speed: { name: 'Speed', units: ['m_s', 'km_h'] },
  direction: { name: 'Direction', units: ['deg'] },
  rain_rate: { name: 'Rain Rate', units: ['mm_h'] },
  sky_quality: { name: 'Sky Quality', units: ['mpsas'] },
  light: { name: 'Light', units: ['lux'] },
  duration_time: { name: 'Duration', units: ['s', 'minute', 'ms'] },
  duty_cycle: { name: 'Duty Cycle', units: ['percent'] },
  electrical_potential: { name: 'Electrical Potential', units: ['V'] },
  electrical_current: { name: 'Electrical Current', units: ['A'] },
  power: { name: 'Power', units: ['W'] },
  frequency: { name: 'Frequency', units: ['Hz'] },
  volume: { name: 'Volume', units: ['ml'] },
  boolean: { name: 'Boolean', units: ['bool'] },
  unitless: { name: 'Unitless', units: ['none'] },
  setpoint: { name: 'Setpoint', units: Object.keys(UNITS) },
  pid_p_value: { name: 'PID P-Value', units: ['none'] },
  pid_i_value: { name: 'PID I-Value', units: ['none'] },
  pid_d_value: { name: 'PID D-Value', units: ['none'] },
};

export const isUnitId = (unit: string): boolean => Object.prototype.hasOwnProperty.call(UNITS, unit);

/** A stable UUID for a catalogue entry, so `settings/units/{unique_id}` keeps working across restarts. */
export function catalogueUuid(kind: string, id: string): string {
  const hex = createHash('sha1').update(`skygate-daemon:${kind}:${id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface UnitRow {
  id: number;
  unique_id: string;
  name: string;
  name_safe: string;
  unit: string;
}

export interface MeasurementRow {
  id: number;
  unique_id: string;
  name: string;
  name_safe: string;
  units: string;
}

export const UNIT_ROWS: UnitRow[] = Object.entries(UNITS).map(([id, name], index) => ({ id: index + 1, unique_id: catalogueUuid('unit', id), name, name_safe: id, unit: id }));

export const MEASUREMENT_ROWS: MeasurementRow[] = Object.entries(MEASUREMENTS).map(([id, m], index) => ({
  id: index + 1,
  unique_id: catalogueUuid('measurement', id),
  name: m.name,
  name_safe: id,
  units: m.units.join(','),
}));
