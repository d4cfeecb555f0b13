import { NinaError } from '../nina/envelope';
import { SystemClock } from '@app/core';
import { IndiDriverFactory } from '../drivers/indi/indi-driver.factory';
import { changeSetting, defaultProfileSettings, driverSelection, withDefaultSettings } from './profile-settings';

describe('profile settings', () => {
  it('changes a value by NINA setting path, converting to the type already there', () => {
    const settings = changeSetting(defaultProfileSettings(), 'TelescopeSettings-FocalLength', '750');
    expect((settings.TelescopeSettings as Record<string, unknown>).FocalLength).toBe(750);
    const names = changeSetting(settings, 'FilterWheelSettings-FilterWheelFilters', '["L","R"]');
    expect((names.FilterWheelSettings as Record<string, unknown>).FilterWheelFilters).toEqual(['L', 'R']);
  });

  it('selects drivers per device, defaulting to the simulator', () => {
    const settings = changeSetting(defaultProfileSettings(), 'EquipmentDrivers-mount', 'indi');
    expect(driverSelection(settings)).toMatchObject({ mount: 'indi', camera: 'simulator' });
    expect(driverSelection({})).toMatchObject({ mount: 'simulator' });
  });

  it('gives stored profiles the INDI device names added later, keeping their own', () => {
    const stored = { IndiSettings: { Host: 'obs.local', Port: 7624, TimeoutSeconds: 5, Devices: { camera: 'ZWO CCD ASI294MC Pro' } } };
    const settings = changeSetting(withDefaultSettings(stored, new IndiDriverFactory(new SystemClock()).profileDefaults), 'IndiSettings-Devices-switch', 'Pegasus UPB');
    expect(settings.IndiSettings).toMatchObject({ Host: 'obs.local', Devices: { camera: 'ZWO CCD ASI294MC Pro', mount: 'Telescope Simulator', safetymonitor: 'Weather Simulator', switch: 'Pegasus UPB' } });
  });

  it.each([
    ['Nope-Thing', '1', 'Invalid path'],
    ['TelescopeSettings', '1', 'Invalid path'],
    ['TelescopeSettings-FocalLength', 'long', 'TelescopeSettings-FocalLength needs a number'],
    ['EquipmentDrivers-camera', 'ascom', 'driver must be one of simulator, indi, networked'],
  ])('refuses %s=%s with 400 "%s"', (path, value, message) => {
    let error: unknown;
    try {
      changeSetting(defaultProfileSettings(), path, value);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(NinaError);
    expect(error).toMatchObject({ code: 400, message });
  });
});
