import type { Clock } from '@app/core';
import type { DeviceType } from '../contract/device-types';
import type { DeviceDriver, DriverFactory } from '../contract/device-driver';
import { IndiCamera } from './indi-camera';
import { IndiClient } from './indi-client';
import { IndiDome } from './indi-dome';
import { IndiFilterWheel } from './indi-filter-wheel';
import { IndiFlatPanel } from './indi-flat-panel';
import { IndiFocuser } from './indi-focuser';
import { IndiGuider } from './indi-guider';
import { IndiMount } from './indi-mount';
import { IndiRotator } from './indi-rotator';
import { IndiSafetyMonitor } from './indi-safety-monitor';
import { IndiSwitch } from './indi-switch';
import { IndiWeather } from './indi-weather';

/** The profile's IndiSettings: where the server is and which INDI device plays which role. */
export interface IndiSettings {
  Host: string;
  Port: number;
  TimeoutSeconds: number;
  Devices?: Partial<Record<DeviceType, string>>;
}

/**
 * Device names of Debian's indi-bin 1.9.9 simulators, used unless the profile names others.
 * The safety monitor reads the weather device; the guider pulses the mount. indi-bin has no
 * switch simulator, so the switch has no default device.
 */
export const INDI_DEFAULT_DEVICES: Record<DeviceType, string> = {
  camera: 'CCD Simulator',
  mount: 'Telescope Simulator',
  focuser: 'Focuser Simulator',
  filterwheel: 'Filter Simulator',
  dome: 'Dome Simulator',
  rotator: 'Rotator Simulator',
  flatdevice: 'Light Panel Simulator',
  weather: 'Weather Simulator',
  safetymonitor: 'Weather Simulator',
  guider: 'Guide Simulator',
  switch: '',
};

/** The profile's IndiSettings as a new profile has them. */
const INDI_SERVER_DEFAULTS = { Host: '127.0.0.1', Port: 7624, TimeoutSeconds: 5 };

/** INDI drivers; one client (TCP connection) per server address, shared by its devices. */
export class IndiDriverFactory implements DriverFactory {
  readonly name = 'indi' as const;
  readonly profileDefaults = { IndiSettings: { ...INDI_SERVER_DEFAULTS, Devices: { ...INDI_DEFAULT_DEVICES } } };
  private readonly clients = new Map<string, IndiClient>();

  constructor(private readonly clock: Clock) {}

  supports(): boolean {
    return true;
  }

  create(type: DeviceType, profileSettings: Record<string, unknown>): DeviceDriver {
    const settings = { ...INDI_SERVER_DEFAULTS, ...(profileSettings.IndiSettings as Partial<IndiSettings> | undefined) };
    const key = `${settings.Host}:${settings.Port}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new IndiClient({ host: settings.Host, port: settings.Port, timeoutSeconds: settings.TimeoutSeconds });
      client.setMaxListeners(50);
      this.clients.set(key, client);
    }
    const name = (t: DeviceType) => settings.Devices?.[t] ?? INDI_DEFAULT_DEVICES[t];
    const device = name(type);
    switch (type) {
      case 'camera':
        return new IndiCamera(client, device, this.clock);
      case 'mount':
        return new IndiMount(client, device, this.clock);
      case 'focuser':
        return new IndiFocuser(client, device);
      case 'filterwheel':
        return new IndiFilterWheel(client, device);
      case 'dome':
        return new IndiDome(client, device);
      case 'rotator':
        return new IndiRotator(client, device);
      case 'flatdevice':
        return new IndiFlatPanel(client, device);
      case 'weather':
        return new IndiWeather(client, device);
      case 'safetymonitor':
        return new IndiSafetyMonitor(client, device);
      case 'guider':
        return new IndiGuider(client, device, name('mount'), this.clock);
      case 'switch':
        return new IndiSwitch(client, device);
    }
  }

  /** Closes every server connection (application shutdown). */
  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
