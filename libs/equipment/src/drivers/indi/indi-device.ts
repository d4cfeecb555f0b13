import type { DeviceType } from '../contract/device-types';
import { DeviceRefusal, type DeviceChangeListener, type DeviceDriver, type DeviceIdentity } from '../contract/device-driver';
import type { IndiClient } from './indi-client';
import type { IndiProperty } from './indi-protocol';

/**
 * One INDI device (e.g. "Focuser Simulator") behind the shared client. Connected means: the
 * server is reachable and the device's CONNECTION.CONNECT is On. When the server goes away the
 * device reports connection-lost (the API then answers 409); when it returns, a device that
 * was connected is connected again and reports connection-restored.
 */
export abstract class IndiDevice implements DeviceDriver {
  abstract readonly type: DeviceType;
  protected listener: DeviceChangeListener = () => undefined;
  private wanted = false;

  constructor(
    protected readonly client: IndiClient,
    readonly deviceName: string,
    /** Another driver uses the same INDI device (weather and safety monitor): disconnecting only lets go of it. */
    private readonly shared = false,
  ) {
    client.on('down', () => {
      if (this.wanted) this.listener({ kind: 'connection-lost', reason: 'INDI server connection lost' });
    });
    client.on('up', () => {
      if (!this.wanted) return;
      this.switchOn()
        .then(() => this.listener({ kind: 'connection-restored' }))
        .catch(() => undefined);
    });
    client.on('property', (p: IndiProperty) => {
      if (p.device === this.deviceName && this.wanted) this.onProperty(p);
    });
  }

  get identity(): DeviceIdentity {
    const info = (key: string) => this.client.value(this.deviceName, 'DRIVER_INFO', key) ?? '';
    return { id: `indi:${this.deviceName}`, name: this.deviceName, description: `INDI device ${this.deviceName}`, driverInfo: info('DRIVER_EXEC') || 'INDI', driverVersion: info('DRIVER_VERSION') };
  }

  get connected(): boolean {
    // Only devices connected through this driver count (another client or driver may have connected the INDI device).
    return this.wanted && this.client.isUp && this.client.value(this.deviceName, 'CONNECTION', 'CONNECT') === 'On';
  }

  async connect(): Promise<void> {
    await this.client.start();
    await this.switchOn();
    this.wanted = true;
  }

  async disconnect(): Promise<void> {
    this.wanted = false;
    if (this.client.isUp && !this.shared) await this.client.change('Switch', this.deviceName, 'CONNECTION', { DISCONNECT: 'On' });
  }

  onChange(listener: DeviceChangeListener): void {
    this.listener = listener;
  }

  /** Spontaneous property updates of this device, to turn into events. */
  protected onProperty(_property: IndiProperty): void {}

  protected num(property: string, element: string, fallback = 0): number {
    return this.client.number(this.deviceName, property, element) ?? fallback;
  }

  protected on(property: string, element: string): boolean {
    return this.client.value(this.deviceName, property, element) === 'On';
  }

  protected has(property: string): boolean {
    return this.client.property(this.deviceName, property) !== undefined;
  }

  protected requireProperty(property: string): void {
    if (!this.has(property)) throw new DeviceRefusal(`${this.deviceName} has no ${property}`, 400);
  }

  private async switchOn(): Promise<void> {
    await this.client.waitFor(this.deviceName, 'CONNECTION', () => true);
    if (this.on('CONNECTION', 'CONNECT')) return;
    await this.client.change('Switch', this.deviceName, 'CONNECTION', { CONNECT: 'On' });
  }
}
