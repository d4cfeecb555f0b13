import type { DeviceType } from '../../drivers/contract/device-types';
import { badParameter } from '../../nina/envelope';
import { filterInfo } from '../filter-info';
import { ALPACA_SETTINGS, APPLICATION_SETTINGS, ASTROMETRY_SETTINGS, COLOR_SCHEMA_SETTINGS, PLANETARIUM_SETTINGS } from './application-sections';
import * as devices from './device-sections';
import * as imaging from './imaging-sections';
import { INTEGER_RANGES, sectionDefaults, type SectionSpec, type SettingSpec } from './setting-spec';

/** N.I.N.A.'s profile sections in the order ninaAPI's ProfileResponse lists them. */
export const NINA_PROFILE_SECTIONS: Readonly<Record<string, SectionSpec>> = {
  ApplicationSettings: APPLICATION_SETTINGS,
  AstrometrySettings: ASTROMETRY_SETTINGS,
  CameraSettings: devices.CAMERA_SETTINGS,
  ColorSchemaSettings: COLOR_SCHEMA_SETTINGS,
  DomeSettings: devices.DOME_SETTINGS,
  FilterWheelSettings: devices.FILTER_WHEEL_SETTINGS,
  FlatWizardSettings: imaging.FLAT_WIZARD_SETTINGS,
  FocuserSettings: devices.FOCUSER_SETTINGS,
  FramingAssistantSettings: imaging.FRAMING_ASSISTANT_SETTINGS,
  GuiderSettings: devices.GUIDER_SETTINGS,
  ImageFileSettings: imaging.IMAGE_FILE_SETTINGS,
  ImageSettings: imaging.IMAGE_SETTINGS,
  MeridianFlipSettings: imaging.MERIDIAN_FLIP_SETTINGS,
  PlanetariumSettings: PLANETARIUM_SETTINGS,
  PlateSolveSettings: imaging.PLATE_SOLVE_SETTINGS,
  RotatorSettings: devices.ROTATOR_SETTINGS,
  FlatDeviceSettings: devices.FLAT_DEVICE_SETTINGS,
  SequenceSettings: imaging.SEQUENCE_SETTINGS,
  SwitchSettings: devices.SWITCH_SETTINGS,
  TelescopeSettings: devices.TELESCOPE_SETTINGS,
  WeatherDataSettings: devices.WEATHER_DATA_SETTINGS,
  SnapShotControlSettings: imaging.SNAPSHOT_CONTROL_SETTINGS,
  SafetyMonitorSettings: devices.SAFETY_MONITOR_SETTINGS,
  AlpacaSettings: ALPACA_SETTINGS,
  ImageHistorySettings: imaging.IMAGE_HISTORY_SETTINGS,
};

/** The section whose Id (or GuiderName) names each device type's chosen device. */
export const DEVICE_SECTIONS: Readonly<Record<DeviceType, string>> = {
  camera: 'CameraSettings',
  mount: 'TelescopeSettings',
  focuser: 'FocuserSettings',
  rotator: 'RotatorSettings',
  filterwheel: 'FilterWheelSettings',
  dome: 'DomeSettings',
  switch: 'SwitchSettings',
  guider: 'GuiderSettings',
  flatdevice: 'FlatDeviceSettings',
  safetymonitor: 'SafetyMonitorSettings',
  weather: 'WeatherDataSettings',
};

/** Where Skygate's simulator rig differs from N.I.N.A.'s defaults (its camera, telescope, filters, site). */
const SKYGATE_DEFAULTS: Record<string, Record<string, unknown>> = {
  CameraSettings: { PixelSize: 3.76, CoolingDuration: 10, WarmingDuration: 10 },
  TelescopeSettings: { Name: 'Skygate Simulator 80/480', FocalLength: 480, FocalRatio: 6 },
  FilterWheelSettings: { FilterWheelFilters: ['Luminance', 'Red', 'Green', 'Blue', 'H_Alpha', 'OIII', 'SII'] },
  AstrometrySettings: { Latitude: 48.2, Longitude: 16.37, Elevation: 180 },
};

/** Every N.I.N.A. section with its stored defaults. */
export function ninaProfileDefaults(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(NINA_PROFILE_SECTIONS).map(([name, spec]) => [name, { ...sectionDefaults(spec), ...structuredClone(SKYGATE_DEFAULTS[name]) }]));
}

/** The device chosen for a type, as list-devices shows it. */
export interface ChosenDevice {
  id: string;
  name: string;
}

/**
 * A N.I.N.A. section as ninaAPI writes it (System.Text.Json, WhenWritingNull): null members left
 * out, a double NaN as "NaN", the filters as FilterInfo objects, the chosen device filled in.
 */
export function showSection(spec: SectionSpec, stored: Record<string, unknown>, device?: ChosenDevice): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec)) {
    const value = wireValue(field, stored[key], device);
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

function wireValue(field: SettingSpec, value: unknown, device?: ChosenDevice): unknown {
  switch (field.type) {
    case 'device':
      return device ? (field.field === 'id' ? device.id : device.name) : field.field === 'id' ? 'No_Device' : '';
    case 'filters':
      return (Array.isArray(value) ? value : []).map((name, i) => filterInfo(String(name), i));
    case 'number':
      // NaN cannot be stored in JSON; a non-nullable double that holds none is N.I.N.A.'s NaN.
      if (value === 'NaN' || (typeof value === 'number' && Number.isNaN(value))) return 'NaN';
      return value ?? (field.default === null ? null : 'NaN');
    default:
      return value;
  }
}

/**
 * The value a change-value text becomes for a N.I.N.A. field, checked as .NET's converter of
 * the field's type checks it (400 naming the path and the type otherwise).
 */
export function convertNinaValue(path: string, field: SettingSpec, raw: string, device?: ChosenDevice): unknown {
  const text = raw.trim();
  switch (field.type) {
    case 'number': {
      if (!field.integer && /^nan$/i.test(text)) return 'NaN';
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) throw badParameter(`${path} needs a number`);
      if (!field.integer) return n;
      const [min, max] = INTEGER_RANGES[field.integer];
      if (!Number.isInteger(n) || n < min || n > max) throw badParameter(`${path} needs a whole number from ${min} to ${max}`);
      return n;
    }
    case 'boolean':
      if (!/^(true|false)$/i.test(text)) throw badParameter(`${path} needs true or false`);
      return text.toLowerCase() === 'true';
    case 'enum': {
      const value = field.values.find((v) => v.toLowerCase() === text.toLowerCase());
      if (!value) throw badParameter(`${path} needs one of ${field.values.join(', ')}`);
      return value;
    }
    case 'timespan':
      if (!/^\d{1,2}:\d{2}:\d{2}(\.\d{1,7})?$/.test(text)) throw badParameter(`${path} needs a time span hh:mm:ss`);
      return text;
    case 'device':
      if (device && raw === (field.field === 'id' ? device.id : device.name)) return undefined;
      throw badParameter(`${path} follows the driver chosen with EquipmentDrivers-<device>`);
    case 'filters': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = undefined;
      }
      if (!Array.isArray(parsed)) throw badParameter(`${path} needs a JSON array of filter names`);
      return parsed.map((f) => (typeof f === 'object' && f !== null && 'Name' in f ? String((f as { Name: unknown }).Name) : String(f)));
    }
    case 'object':
      throw badParameter(`${path} is an object and cannot be set from a text`);
    default:
      return raw;
  }
}

/**
 * The active profile's settings as `profile/show?active=true` lists them: every N.I.N.A.
 * section in ninaAPI's order, then Skygate's own (EquipmentDrivers, IndiSettings, ...).
 */
export function showProfileSettings(settings: Record<string, unknown>, chosen: (section: string) => ChosenDevice | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(NINA_PROFILE_SECTIONS)) out[name] = showSection(spec, (settings[name] ?? {}) as Record<string, unknown>, chosen(name));
  for (const [name, value] of Object.entries(settings)) if (!(name in NINA_PROFILE_SECTIONS)) out[name] = value;
  return out;
}
