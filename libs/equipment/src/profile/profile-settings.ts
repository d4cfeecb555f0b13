import { DEVICE_TYPES, type DeviceType } from '../drivers/contract/device-types';
import { DRIVER_NAMES, type DriverName } from '../drivers/contract/device-driver';
import { badParameter } from '../nina/envelope';

/**
 * The settings a Skygate profile holds, in NINA's nesting so `profile/change-value` paths such
 * as `CameraSettings-PixelSize` or `TelescopeSettings-FocalLength` work as clients expect.
 * `EquipmentDrivers-<device>` selects the driver of each device (simulator | indi); the drivers'
 * own groups (IndiSettings) and their defaults come from the installed drivers.
 */
export function defaultProfileSettings(driverDefaults: DriverSettingsDefaults = {}): Record<string, unknown> {
  return {
    EquipmentDrivers: Object.fromEntries(DEVICE_TYPES.map((t) => [t, 'simulator'])),
    ...structuredClone(driverDefaults),
    CameraSettings: { PixelSize: 3.76, CoolingDuration: 10, WarmingDuration: 10 },
    TelescopeSettings: { Name: 'Skygate Simulator 80/480', FocalLength: 480, FocalRatio: 6 },
    FilterWheelSettings: { FilterWheelFilters: ['Luminance', 'Red', 'Green', 'Blue', 'H_Alpha', 'OIII', 'SII'] },
    PlateSolveSettings: { ExposureTime: 2 },
    ImageSettings: { AutoStretchFactor: 0.2, BlackClipping: -2.8 },
    FramingAssistantSettings: { FieldOfView: 3 },
    AstrometrySettings: { Latitude: 48.2, Longitude: 16.37, Elevation: 180 },
    /** The simulated mount's polar misalignment, which /v2/tppa measures. */
    SimulatorSettings: { PolarAltErrorArcmin: 0, PolarAzErrorArcmin: 0 },
  };
}

/** A driver's settings groups with their defaults, e.g. {IndiSettings: {Host, Port, Devices: {...}}}. */
export type DriverSettingsDefaults = Record<string, Record<string, unknown>>;

/**
 * Settings added in later versions appear in stored profiles with their defaults; a driver's
 * groups are merged two levels deep (IndiSettings-Devices-<device>).
 */
export function withDefaultSettings(settings: Record<string, unknown>, driverDefaults: DriverSettingsDefaults = {}): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...defaultProfileSettings(driverDefaults), ...settings };
  for (const [group, defaults] of Object.entries(driverDefaults)) {
    const stored = (settings[group] ?? {}) as Record<string, unknown>;
    const combined: Record<string, unknown> = { ...defaults, ...stored };
    for (const [key, value] of Object.entries(defaults)) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) combined[key] = { ...value, ...(stored[key] as object | undefined) };
    }
    merged[group] = combined;
  }
  return merged;
}

export function driverSelection(settings: Record<string, unknown>): Record<DeviceType, DriverName> {
  const chosen = (settings.EquipmentDrivers ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    DEVICE_TYPES.map((t) => [t, DRIVER_NAMES.includes(chosen[t] as DriverName) ? (chosen[t] as DriverName) : 'simulator']),
  ) as Record<DeviceType, DriverName>;
}

/** Returns a copy of the settings with the value at "A-B-C" replaced, converted to the type already there. */
export function changeSetting(settings: Record<string, unknown>, path: string, newValue: string): Record<string, unknown> {
  const copy = structuredClone(settings);
  const keys = path.split('-').filter(Boolean);
  if (keys.length === 0) throw badParameter('Invalid path');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) throw badParameter('Invalid path');
    node = next as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  if (!(last in node)) throw badParameter('Invalid path');
  node[last] = convert(node[last], newValue, path);
  if (keys[0] === 'EquipmentDrivers' && !DRIVER_NAMES.includes(node[last] as DriverName)) {
    throw badParameter(`driver must be one of ${DRIVER_NAMES.join(', ')}`);
  }
  return copy;
}

function convert(current: unknown, raw: string, path: string): unknown {
  if (typeof current === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw badParameter(`${path} needs a number`);
    return n;
  }
  if (typeof current === 'boolean') {
    if (!/^(true|false)$/i.test(raw)) throw badParameter(`${path} needs true or false`);
    return raw.toLowerCase() === 'true';
  }
  if (Array.isArray(current)) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // fall through to the error below
    }
    throw badParameter(`${path} needs a JSON array`);
  }
  if (typeof current === 'object' && current !== null) throw badParameter('Invalid path');
  return raw;
}
