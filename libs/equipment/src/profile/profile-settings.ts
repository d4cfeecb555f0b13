import { DEVICE_TYPES, type DeviceType } from '../drivers/contract/device-types';
import { DRIVER_NAMES, type DriverName } from '../drivers/contract/device-driver';
import { badParameter } from '../nina/envelope';
import { NINA_PROFILE_SECTIONS, convertNinaValue, ninaProfileDefaults, type ChosenDevice } from './nina/nina-profile';
import type { SectionSpec } from './nina/setting-spec';

/**
 * The settings a Skygate profile holds: N.I.N.A.'s whole profile tree (nina/, with its section
 * and field names, so `profile/change-value` paths such as `CameraSettings-PixelSize` or
 * `TelescopeSettings-TelescopeLocationSyncDirection` work as clients expect) and Skygate's own
 * sections: `EquipmentDrivers-<device>` selects the driver of each device (simulator | indi |
 * networked: the manual filter wheel and rotator only),
 * the drivers' own groups (IndiSettings) and their defaults come from the installed drivers.
 */
export function defaultProfileSettings(driverDefaults: DriverSettingsDefaults = {}): Record<string, unknown> {
  return {
    EquipmentDrivers: Object.fromEntries(DEVICE_TYPES.map((t) => [t, 'simulator'])),
    ...structuredClone(driverDefaults),
    ...ninaProfileDefaults(),
    /**
     * The simulated mount's polar misalignment, which /v2/tppa measures, and its pointing-model
     * error (where it points off what it reports until a sync corrects it), which centring removes.
     */
    SimulatorSettings: { PolarAltErrorArcmin: 0, PolarAzErrorArcmin: 0, PointingErrorRaArcmin: 0, PointingErrorDecArcmin: 0 },
  };
}

/** A driver's settings groups with their defaults, e.g. {IndiSettings: {Host, Port, Devices: {...}}}. */
export type DriverSettingsDefaults = Record<string, Record<string, unknown>>;

/**
 * Settings added in later versions appear in stored profiles with their defaults: N.I.N.A.'s
 * sections field by field, a driver's groups two levels deep (IndiSettings-Devices-<device>).
 */
export function withDefaultSettings(settings: Record<string, unknown>, driverDefaults: DriverSettingsDefaults = {}): Record<string, unknown> {
  const defaults = defaultProfileSettings(driverDefaults);
  const merged: Record<string, unknown> = { ...defaults, ...settings };
  for (const section of Object.keys(NINA_PROFILE_SECTIONS)) merged[section] = { ...(defaults[section] as object), ...(settings[section] as object | undefined) };
  for (const [group, groupDefaults] of Object.entries(driverDefaults)) {
    const stored = (settings[group] ?? {}) as Record<string, unknown>;
    const combined: Record<string, unknown> = { ...groupDefaults, ...stored };
    for (const [key, value] of Object.entries(groupDefaults)) {
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

/**
 * Returns a copy of the settings with the value at "A-B-C" replaced: a N.I.N.A. field converted
 * to its N.I.N.A. type, a Skygate setting to the type already stored. `chosen` names the device
 * of a device section (its Id cannot be changed here, only confirmed).
 */
export function changeSetting(settings: Record<string, unknown>, path: string, newValue: string, chosen?: (section: string) => ChosenDevice | undefined): Record<string, unknown> {
  const copy = structuredClone(settings);
  const keys = path.split('-').filter(Boolean);
  if (keys.length === 0) throw badParameter('Invalid path');
  const section = NINA_PROFILE_SECTIONS[keys[0]];
  if (section) {
    changeNinaSetting(copy, section, keys, path, newValue, chosen?.(keys[0]));
    return copy;
  }
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

/** `<Section>-<Field>`, or `FilterWheelSettings-FilterWheelFilters-<n>-Name` to rename a filter. */
function changeNinaSetting(settings: Record<string, unknown>, spec: SectionSpec, keys: string[], path: string, newValue: string, device?: ChosenDevice): void {
  const [sectionName, field, ...rest] = keys;
  const fieldSpec = field === undefined ? undefined : spec[field];
  const section = { ...(settings[sectionName] as Record<string, unknown> | undefined) };
  settings[sectionName] = section;
  if (!fieldSpec) throw badParameter('Invalid path');
  if (fieldSpec.type === 'filters' && rest.length === 2 && rest[1] === 'Name') {
    const names = [...((section[field] as string[] | undefined) ?? [])];
    const index = Number(rest[0]);
    if (!Number.isInteger(index) || index < 0 || index >= names.length) throw badParameter('Invalid path');
    names[index] = newValue;
    section[field] = names;
    return;
  }
  if (rest.length > 0) throw badParameter('Invalid path');
  const value = convertNinaValue(path, fieldSpec, newValue, device);
  if (value !== undefined) section[field] = value;
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
