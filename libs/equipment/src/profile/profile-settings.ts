import { DEVICE_TYPES, type DeviceType } from '../devices/device-types';
import { DRIVER_NAMES, type DriverName } from '../drivers/device-driver';
import { INDI_DEFAULT_DEVICES } from '../drivers/indi/indi-driver.factory';
import { badParameter } from '../nina/envelope';

/**
 * The settings a Skygate profile holds, in NINA's nesting so `profile/change-value` paths such
 * as `CameraSettings-PixelSize` or `TelescopeSettings-FocalLength` work as clients expect.
 * `EquipmentDrivers-<device>` selects the driver of each device (simulator | indi).
 */
export function defaultProfileSettings(): Record<string, unknown> {
  return {
    EquipmentDrivers: Object.fromEntries(DEVICE_TYPES.map((t) => [t, 'simulator'])),
    IndiSettings: { Host: '127.0.0.1', Port: 7624, TimeoutSeconds: 5, Devices: { ...INDI_DEFAULT_DEVICES } },
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

/** Settings added in later versions appear in stored profiles with their defaults (two levels deep). */
export function withDefaultSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...defaultProfileSettings(), ...settings };
  const defaults = defaultProfileSettings().IndiSettings as Record<string, unknown>;
  const indi = (settings.IndiSettings ?? {}) as Record<string, unknown>;
  merged.IndiSettings = { ...defaults, ...indi, Devices: { ...(defaults.Devices as object), ...(indi.Devices as object | undefined) } };
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
