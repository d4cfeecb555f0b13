/** The device kinds of ninaAPI's /equipment routes, in its URL spelling. */
export const DEVICE_TYPES = ['camera', 'mount', 'focuser', 'rotator', 'filterwheel', 'dome', 'switch', 'guider', 'flatdevice', 'safetymonitor', 'weather'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

interface DeviceTypeWords {
  /** Used in "<Label> not connected" (ninaAPI's exact 409 texts). */
  label: string;
  /** Prefix of the websocket connection events: CAMERA-CONNECTED, MOUNT-DISCONNECTED ... */
  eventPrefix: string;
  /** Key in equipment/info. */
  infoKey: string;
  /** DeviceList Category. */
  category: string;
}

export const DEVICE_WORDS: Record<DeviceType, DeviceTypeWords> = {
  camera: { label: 'Camera', eventPrefix: 'CAMERA', infoKey: 'Camera', category: 'Camera' },
  mount: { label: 'Mount', eventPrefix: 'MOUNT', infoKey: 'Mount', category: 'Telescope' },
  focuser: { label: 'Focuser', eventPrefix: 'FOCUSER', infoKey: 'Focuser', category: 'Focuser' },
  rotator: { label: 'Rotator', eventPrefix: 'ROTATOR', infoKey: 'Rotator', category: 'Rotator' },
  filterwheel: { label: 'Filterwheel', eventPrefix: 'FILTERWHEEL', infoKey: 'FilterWheel', category: 'FilterWheel' },
  dome: { label: 'Dome', eventPrefix: 'DOME', infoKey: 'Dome', category: 'Dome' },
  switch: { label: 'Switch', eventPrefix: 'SWITCH', infoKey: 'Switch', category: 'Switch' },
  guider: { label: 'Guider', eventPrefix: 'GUIDER', infoKey: 'Guider', category: 'Guider' },
  flatdevice: { label: 'Flatdevice', eventPrefix: 'FLAT', infoKey: 'FlatDevice', category: 'FlatDevice' },
  safetymonitor: { label: 'Safetymonitor', eventPrefix: 'SAFETY', infoKey: 'SafetyMonitor', category: 'SafetyMonitor' },
  weather: { label: 'Weather', eventPrefix: 'WEATHER', infoKey: 'WeatherData', category: 'WeatherData' },
};

export function isDeviceType(value: string): value is DeviceType {
  return (DEVICE_TYPES as readonly string[]).includes(value);
}
