import { DeviceRefusal, type DeviceChangeListener, type DeviceDriver, type DeviceIdentity } from '../contract/device-driver';
import type { DeviceType } from '../contract/device-types';

/**
 * Shared part of the in-process simulators: identity, connection flag and change reporting.
 * Simulated moves finish at once (deterministic and fast for tests and `npm start`); the
 * completion event is reported before the call returns.
 */
export abstract class SimulatedDevice implements DeviceDriver {
  abstract readonly type: DeviceType;
  private listener: DeviceChangeListener = () => undefined;
  private isConnected = false;

  constructor(readonly identity: DeviceIdentity) {}

  get connected(): boolean {
    return this.isConnected;
  }

  connect(): Promise<void> {
    this.isConnected = true;
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    this.isConnected = false;
    return Promise.resolve();
  }

  onChange(listener: DeviceChangeListener): void {
    this.listener = listener;
  }

  protected emit(event: string, data?: Record<string, unknown>): void {
    this.listener({ kind: 'event', event, data });
  }

  protected requireRange(name: string, value: number, min: number, max: number): void {
    if (!Number.isFinite(value) || value < min || value > max) throw new DeviceRefusal(`${name} must be between ${min} and ${max}`, 400);
  }
}

export function simulatorIdentity(name: string, id: string): DeviceIdentity {
  return { id, name, description: `Skygate in-process ${name}`, driverInfo: 'Skygate simulator', driverVersion: '1.0' };
}
