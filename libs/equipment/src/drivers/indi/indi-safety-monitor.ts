import type { SafetyMonitorDriver } from '../contract/device-interfaces';
import type { IndiClient } from './indi-client';
import { IndiDevice } from './indi-device';
import type { IndiProperty } from './indi-protocol';

/**
 * INDI has no safety-monitor interface: safe means the overall state of a weather device's
 * WEATHER_STATUS lights is Ok (Busy = warning and Alert = danger are unsafe). It shares the
 * INDI device with the weather driver, so disconnecting it leaves the device connected.
 */
export class IndiSafetyMonitor extends IndiDevice implements SafetyMonitorDriver {
  readonly type = 'safetymonitor' as const;
  private lastSafe: boolean | null = null;

  constructor(client: IndiClient, deviceName: string) {
    super(client, deviceName, true);
  }

  isSafe(): boolean {
    return this.client.property(this.deviceName, 'WEATHER_STATUS')?.state === 'Ok';
  }

  override async connect(): Promise<void> {
    await super.connect();
    // The device defines WEATHER_STATUS once connected (Idle until its first reading): the first
    // reading is the baseline, not a change.
    const status = this.client.property(this.deviceName, 'WEATHER_STATUS');
    this.lastSafe = status && status.state !== 'Idle' ? this.isSafe() : null;
  }

  protected override onProperty(p: IndiProperty): void {
    if (p.name !== 'WEATHER_STATUS' || p.state === 'Idle') return;
    const safe = p.state === 'Ok';
    const changed = this.lastSafe !== null && safe !== this.lastSafe;
    this.lastSafe = safe;
    if (changed) this.listener({ kind: 'event', event: 'SAFETY-CHANGED', data: { IsSafe: safe } });
  }
}
