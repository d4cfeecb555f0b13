import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EventBus } from '@app/core';
import { DRIVER_FACTORIES, type DeviceDriver, type DriverFactory, type DriverName } from '../drivers/contract/device-driver';
import type { DriverByType } from '../drivers/contract/device-interfaces';
import { NINA_EVENT } from '../nina/nina-events';
import { NinaError, notConnected } from '../nina/envelope';
import { DEVICE_TYPES, DEVICE_WORDS, type DeviceType } from '../drivers/contract/device-types';

export type DriverSelection = Record<DeviceType, DriverName>;

/**
 * Holds the driver of every device type as the active profile selects it, connects and
 * disconnects them, and turns what they report into ninaAPI events on the bus.
 */
@Injectable()
export class EquipmentRegistry implements OnApplicationShutdown {
  private readonly logger = new Logger('Equipment');
  private readonly drivers = new Map<DeviceType, DeviceDriver>();
  private selection: DriverSelection = Object.fromEntries(DEVICE_TYPES.map((t) => [t, 'simulator'])) as DriverSelection;

  constructor(
    @Inject(DRIVER_FACTORIES) private readonly factories: DriverFactory[],
    private readonly bus: EventBus,
  ) {}

  /** The settings groups the installed drivers read, with their defaults (see DriverFactory.profileDefaults). */
  driverProfileDefaults(): Record<string, Record<string, unknown>> {
    return Object.assign({}, ...this.factories.map((f) => f.profileDefaults ?? {})) as Record<string, Record<string, unknown>>;
  }

  /** Applies a profile's driver choice; devices whose driver changes are disconnected and replaced. */
  async select(selection: Partial<DriverSelection>, settings: Record<string, unknown> = {}): Promise<void> {
    for (const type of DEVICE_TYPES) {
      const name = selection[type] ?? 'simulator';
      const factory = this.factories.find((f) => f.name === name);
      if (!factory?.supports(type)) throw new NinaError(`The ${name} driver has no ${type} support`, 400);
    }
    for (const type of DEVICE_TYPES) {
      const name = selection[type] ?? 'simulator';
      if (this.drivers.has(type) && this.selection[type] === name) continue;
      const old = this.drivers.get(type);
      if (old?.connected) await this.disconnect(type);
      this.selection[type] = name;
      this.drivers.delete(type);
      this.ensure(type, settings);
    }
  }

  driverName(type: DeviceType): DriverName {
    return this.selection[type];
  }

  /** The driver, connected or not (info routes report Connected: false). */
  get<T extends DeviceType>(type: T): DriverByType[T] {
    return this.ensure(type) as unknown as DriverByType[T];
  }

  /** The driver, or ninaAPI's 409 "<Device> not connected". */
  require<T extends DeviceType>(type: T): DriverByType[T] {
    const driver = this.get(type);
    if (!driver.connected) throw notConnected(DEVICE_WORDS[type].label);
    return driver;
  }

  connected(type: DeviceType): boolean {
    return this.get(type).connected;
  }

  async connect(type: DeviceType, to?: string): Promise<void> {
    const driver = this.get(type);
    // Deliberate difference: ninaAPI answers an unknown id with 500 "Unknown error" (Devices.First throws).
    if (to !== undefined && to !== driver.identity.id) throw new NinaError('Invalid Id', 400);
    if (driver.connected) return;
    await driver.connect();
    this.publish(`${DEVICE_WORDS[type].eventPrefix}-CONNECTED`);
  }

  async disconnect(type: DeviceType): Promise<void> {
    const driver = this.get(type);
    if (!driver.connected) return;
    await driver.disconnect();
    this.publish(`${DEVICE_WORDS[type].eventPrefix}-DISCONNECTED`);
  }

  publish(event: string, data: Record<string, unknown> = {}): void {
    this.bus.publish(NINA_EVENT, { Event: event, ...data });
  }

  async onApplicationShutdown(): Promise<void> {
    for (const [type, driver] of this.drivers) {
      if (!driver.connected) continue;
      await driver.disconnect().catch((err: Error) => this.logger.warn(`${type}: disconnect failed: ${err.message}`));
    }
    for (const factory of this.factories) factory.close?.();
  }

  private ensure(type: DeviceType, settings: Record<string, unknown> = {}): DeviceDriver {
    let driver = this.drivers.get(type);
    if (driver) return driver;
    const factory = this.factories.find((f) => f.name === this.selection[type]);
    if (!factory) throw new NinaError(`No ${this.selection[type]} driver is installed`, 500);
    driver = factory.create(type, settings);
    driver.onChange((change) => {
      if (change.kind === 'connection-lost') {
        this.logger.warn(`${type} connection lost: ${change.reason}`);
        this.publish(`${DEVICE_WORDS[type].eventPrefix}-DISCONNECTED`);
      } else if (change.kind === 'connection-restored') {
        this.logger.log(`${type} reconnected`);
        this.publish(`${DEVICE_WORDS[type].eventPrefix}-CONNECTED`);
      } else {
        this.publish(change.event, change.data);
      }
    });
    this.drivers.set(type, driver);
    return driver;
  }
}
