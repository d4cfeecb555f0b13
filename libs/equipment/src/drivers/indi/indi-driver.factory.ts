import type { Clock } from '@app/core';
import type { DeviceType } from '../../devices/device-types';
import type { DeviceDriver, DriverFactory } from '../device-driver';
import { IndiCamera } from './indi-camera';
import { IndiClient } from './indi-client';
import { IndiMount } from './indi-mount';
import { IndiDome, IndiFilterWheel, IndiFocuser, IndiRotator } from './indi-optics';

/** The profile's IndiSettings: where the server is and which INDI device plays which role. */
export interface IndiSettings {
  Host: string;
  Port: number;
  TimeoutSeconds: number;
  Devices?: Partial<Record<DeviceType, string>>;
}

/** Device names of Debian's indi-bin 1.9.9 simulators, used unless the profile names others. */
export const INDI_SIMULATOR_DEVICES: Partial<Record<DeviceType, string>> = {
  camera: 'CCD Simulator',
  mount: 'Telescope Simulator',
  focuser: 'Focuser Simulator',
  filterwheel: 'Filter Simulator',
  dome: 'Dome Simulator',
  rotator: 'Rotator Simulator',
};

/** INDI drivers; one client (TCP connection) per server address, shared by its devices. */
export class IndiDriverFactory implements DriverFactory {
  readonly name = 'indi' as const;
  private readonly clients = new Map<string, IndiClient>();

  constructor(private readonly clock: Clock) {}

  supports(type: DeviceType): boolean {
    return type in INDI_SIMULATOR_DEVICES;
  }

  create(type: DeviceType, options: Record<string, unknown>): DeviceDriver {
    const settings = { Host: '127.0.0.1', Port: 7624, TimeoutSeconds: 5, ...(options.indi as Partial<IndiSettings> | undefined) };
    const key = `${settings.Host}:${settings.Port}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new IndiClient({ host: settings.Host, port: settings.Port, timeoutSeconds: settings.TimeoutSeconds });
      client.setMaxListeners(50);
      this.clients.set(key, client);
    }
    const device = settings.Devices?.[type] ?? INDI_SIMULATOR_DEVICES[type]!;
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
      default:
        throw new Error(`no INDI ${type} driver`);
    }
  }

  /** Closes every server connection (application shutdown). */
  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
