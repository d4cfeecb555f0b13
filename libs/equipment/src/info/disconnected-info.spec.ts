import type { DeviceDriver } from '../drivers/contract/device-driver';
import { disconnectedInfo } from './disconnected-info';
import { withDeviceBase } from './nina-info';

describe('disconnectedInfo', () => {
  it('answers a recorded placeholder as a copy no caller can change for the next one', () => {
    const first = disconnectedInfo('mount', () => ({ Name: 'never used' }));
    expect(first).toMatchObject({ Connected: false, TrackingRate: {} });
    expect(first).not.toHaveProperty('Name');
    (first.TrackingRate as Record<string, unknown>).TrackingMode = 'changed';
    first.Connected = true;
    const second = disconnectedInfo('mount', () => ({}));
    expect(second).toMatchObject({ Connected: false, TrackingRate: {} });
    expect(Object.keys(second)).toEqual(Object.keys(first));
  });

  it('begins a device without a recording as withDeviceBase does, less the identity', () => {
    const identity = { id: 'sim-1', name: 'Sim', description: 'simulated', driverInfo: 'Skygate', driverVersion: '1' };
    const driver = { connected: false, identity } as unknown as DeviceDriver;
    const own = { Gain: 100, Temperature: 'NaN' };
    const connected: Record<string, unknown> = withDeviceBase(driver, own);
    const block = disconnectedInfo('camera', (base) => base(driver, own));
    const named = ['Name', 'DisplayName', 'Description', 'DriverInfo', 'DriverVersion', 'DeviceId'];
    expect(block).toEqual(Object.fromEntries(Object.entries(connected).filter(([key]) => !named.includes(key))));
    expect(Object.keys(block)).toEqual(['Connected', 'SupportedActions', 'Gain', 'Temperature']);
    expect(disconnectedInfo('filterwheel', (base) => base(driver, own))).toEqual({ Connected: false, Gain: 100, Temperature: 'NaN' });
  });
});
