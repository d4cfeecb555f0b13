import { SystemClock } from '@app/core';
import { SimulatedCamera } from '../drivers/simulator/simulated-camera';
import { cameraInfo } from './nina-info';

describe('cameraInfo', () => {
  it("answers ninaAPI's CameraInfo fields in its order: the device fields first, then the camera's", () => {
    const info = cameraInfo(new SimulatedCamera(new SystemClock()));
    // Built by withDeviceBase (the device fields, then the camera's spread at the end of one literal); the order must not move.
    expect(Object.keys(info)).toEqual([
      'Connected', 'Name', 'DisplayName', 'Description', 'DriverInfo', 'DriverVersion', 'DeviceId', 'SupportedActions',
      'TargetTemp', 'AtTargetTemp', 'CanSetTemperature', 'HasShutter', 'HasBattery', 'Temperature', 'Gain', 'DefaultGain',
      'ElectronsPerADU', 'BinX', 'BinY', 'BitDepth', 'CanSetOffset', 'CanGetGain', 'CanSetGain', 'OffsetMin', 'OffsetMax',
      'Offset', 'DefaultOffset', 'USBLimit', 'USBLimitMin', 'USBLimitMax', 'CanSetUSBLimit', 'IsSubSampleEnabled',
      'CanSubSample', 'SubSampleX', 'SubSampleY', 'SubSampleWidth', 'SubSampleHeight', 'CameraState', 'XSize', 'YSize',
      'PixelSize', 'Battery', 'GainMin', 'GainMax', 'Gains', 'CoolerOn', 'CoolerPower', 'HasDewHeater', 'DewHeaterOn',
      'TemperatureSetPoint', 'ReadoutModes', 'ReadoutMode', 'ReadoutModeForSnapImages', 'ReadoutModeForNormalImages',
      'IsExposing', 'ExposureEndTime', 'LastDownloadTime', 'SensorType', 'BayerOffsetX', 'BayerOffsetY', 'BinningModes',
      'ExposureMax', 'ExposureMin', 'LiveViewEnabled', 'CanShowLiveView',
    ]);
    expect(info).toMatchObject({ Connected: false, CameraState: 'NoState', BinningModes: [{ Name: '1x1', X: 1, Y: 1 }, { Name: '2x2', X: 2, Y: 2 }, { Name: '3x3', X: 3, Y: 3 }, { Name: '4x4', X: 4, Y: 4 }] });
  });

  it('shares one BinningModes list of frozen modes per largest binning, and answers the epoch before any exposure ended', () => {
    const camera = new SimulatedCamera(new SystemClock());
    const [first, second] = [cameraInfo(camera), cameraInfo(camera)];
    expect(second.BinningModes).toBe(first.BinningModes);
    expect(first.BinningModes.every((mode) => Object.isFrozen(mode))).toBe(true);
    // The list itself is not frozen: on Node 24 a frozen array takes JSON.stringify off its fast path for the whole answer.
    expect(Object.isFrozen(first.BinningModes)).toBe(false);
    expect(first.ExposureEndTime).toBe('1970-01-01T00:00:00.000Z');
    const smaller = { ...camera, connected: camera.connected, identity: camera.identity, status: () => ({ ...camera.status(), maxBin: 2 }) } as unknown as SimulatedCamera;
    expect(cameraInfo(smaller).BinningModes).toEqual([{ Name: '1x1', X: 1, Y: 1 }, { Name: '2x2', X: 2, Y: 2 }]);
    expect(cameraInfo(camera).BinningModes).toHaveLength(4);
  });
});
