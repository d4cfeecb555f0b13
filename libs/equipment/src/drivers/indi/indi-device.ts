import type { DeviceType } from '../contract/device-types';
import { DeviceRefusal, type DeviceChangeListener, type DeviceDriver, type DeviceIdentity } from '../contract/device-driver';
import type { IndiClient } from './indi-client';
import type { IndiProperty } from './indi-protocol';

/** How long after CONNECTION turns On a property the device lacks is waited for (the simulators define theirs within ~100 ms). */
const PROPERTY_DEFINITION_GRACE_MS = 3000;

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
  /** Until then the driver may still be defining the device's properties (see requireProperty). */
  private definingUntil = 0;

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

  /**
   * Refuses (400) when the device lacks `property`. Right after CONNECTION turns On an INDI driver is
   * still defining the device's properties (an indiserver that came back: Connected, then
   * ABS_FOCUS_POSITION a moment later), so a missing property is waited for until the grace ends.
   */
  protected async requireProperty(property: string): Promise<void> {
    if (this.has(property)) return;
    const graceMs = this.definingUntil - Date.now();
    if (graceMs > 0) {
      const defined = await this.client.waitFor(this.deviceName, property, () => true, graceMs / 1000).then(
        () => true,
        () => false,
      );
      if (defined) return;
    }
    throw new DeviceRefusal(`${this.deviceName} has no ${property}`, 400);
  }

  private async switchOn(): Promise<void> {
    await this.client.waitFor(this.deviceName, 'CONNECTION', () => true);
    if (!this.on('CONNECTION', 'CONNECT')) await this.client.change('Switch', this.deviceName, 'CONNECTION', { CONNECT: 'On' });
    this.definingUntil = Date.now() + PROPERTY_DEFINITION_GRACE_MS;
  }
}
