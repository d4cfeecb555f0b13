import { disconnectedInfo } from './disconnected-info';

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

  it('keeps a device block without its identity, in its own order', () => {
    const own = { Name: 'Sim', Gain: 100, DisplayName: 'Sim', Connected: false, DeviceId: 'x', Temperature: 'NaN', DriverInfo: 'd', SupportedActions: ['a'] };
    const block = disconnectedInfo('camera', () => own);
    expect(Object.keys(block)).toEqual(['Gain', 'Connected', 'Temperature', 'SupportedActions']);
    expect(disconnectedInfo('filterwheel', () => own)).toEqual({ Gain: 100, Connected: false, Temperature: 'NaN' });
  });
});
