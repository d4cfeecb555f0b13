/**
 * How one field of N.I.N.A.'s profile is typed, with its default. `profile/change-value` converts
 * a new value the way ninaAPI does (.NET's TypeDescriptor converter of the property's type), so
 * a number field takes only numbers, an integer field only whole numbers in its .NET range, a
 * bool only true/false, an enum only one of its names.
 */
export type SettingSpec =
  | { type: 'number'; default: number | null; integer?: IntegerKind }
  | { type: 'boolean'; default: boolean | null }
  | { type: 'string'; default: string | null }
  | { type: 'enum'; values: readonly string[]; default: string }
  /** A TimeSpan, "hh:mm:ss". */
  | { type: 'timespan'; default: string }
  /** The device chosen for the type (`<Device>Settings.Id`, `GuiderSettings.GuiderName`, `LastDeviceName`). */
  | { type: 'device'; field: 'id' | 'name' }
  /** The profile's filter list (stored as names, shown as N.I.N.A.'s FilterInfo objects). */
  | { type: 'filters' }
  /** An object N.I.N.A. cannot set from one string either (FilterInfo, Color, BinningMode lists). */
  | { type: 'object'; default: unknown };

export type IntegerKind = 'int' | 'short' | 'ushort' | 'uint' | 'long';

/** One section of the profile (CameraSettings, FocuserSettings...), fields in N.I.N.A.'s order. */
export type SectionSpec = Readonly<Record<string, SettingSpec>>;

export const INTEGER_RANGES: Record<IntegerKind, [number, number]> = {
  int: [-2147483648, 2147483647],
  short: [-32768, 32767],
  ushort: [0, 65535],
  uint: [0, 4294967295],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

export const double = (value: number | null): SettingSpec => ({ type: 'number', default: value });
export const int = (value: number | null, integer: IntegerKind = 'int'): SettingSpec => ({ type: 'number', default: value, integer });
export const bool = (value: boolean | null): SettingSpec => ({ type: 'boolean', default: value });
export const text = (value: string | null): SettingSpec => ({ type: 'string', default: value });
export const choice = (values: readonly string[], value: string): SettingSpec => ({ type: 'enum', values, default: value });
export const timespan = (value: string): SettingSpec => ({ type: 'timespan', default: value });
export const object = (value: unknown): SettingSpec => ({ type: 'object', default: value });
export const deviceId: SettingSpec = { type: 'device', field: 'id' };
export const deviceName: SettingSpec = { type: 'device', field: 'name' };

/** System.Windows.Media.Color as System.Text.Json writes it. */
export function color(r: number, g: number, b: number): Record<string, number> {
  return { A: 255, R: r, G: g, B: b, ScA: 1, ScR: r / 255, ScG: g / 255, ScB: b / 255 };
}

/** The stored defaults of a section (device and filter fields are filled in when shown). */
export function sectionDefaults(spec: SectionSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec)) if ('default' in field) out[key] = structuredClone(field.default);
  return out;
}
