import { DeviceRefusal } from '../contract/device-driver';
import type { CoverState, FlatDeviceDriver, FlatDeviceStatus } from '../contract/device-interfaces';
import { IndiDevice } from './indi-device';

/**
 * An INDI light box (FLAT_LIGHT_CONTROL, FLAT_LIGHT_INTENSITY) with an optional dust cap
 * (CAP_PARK: PARK = closed). The 1.9.9 light-panel simulator has no cap: CoverState NotPresent.
 * Events are reported when a call of ours changed something, as the simulator driver does.
 */
export class IndiFlatPanel extends IndiDevice implements FlatDeviceDriver {
  readonly type = 'flatdevice' as const;

  status(): FlatDeviceStatus {
    const range = this.client.property(this.deviceName, 'FLAT_LIGHT_INTENSITY')?.limits?.get('FLAT_LIGHT_INTENSITY_VALUE');
    return {
      coverState: this.coverState(),
      lightOn: this.on('FLAT_LIGHT_CONTROL', 'FLAT_LIGHT_ON'),
      brightness: this.num('FLAT_LIGHT_INTENSITY', 'FLAT_LIGHT_INTENSITY_VALUE'),
      minBrightness: range?.min ?? 0,
      maxBrightness: range?.max ?? 255,
      supportsOpenClose: this.has('CAP_PARK'),
    };
  }

  async setLight(on: boolean): Promise<void> {
    const was = this.status().lightOn;
    await this.client.change('Switch', this.deviceName, 'FLAT_LIGHT_CONTROL', { [on ? 'FLAT_LIGHT_ON' : 'FLAT_LIGHT_OFF']: 'On' });
    if (was !== on) this.listener({ kind: 'event', event: 'FLAT-LIGHT-TOGGLED' });
  }

  async setCover(closed: boolean): Promise<void> {
    if (!this.has('CAP_PARK')) throw new DeviceRefusal(`${this.deviceName} has no cover (no CAP_PARK)`, 409);
    await this.client.change('Switch', this.deviceName, 'CAP_PARK', { [closed ? 'PARK' : 'UNPARK']: 'On' });
    this.listener({ kind: 'event', event: closed ? 'FLAT-COVER-CLOSED' : 'FLAT-COVER-OPENED' });
  }

  async setBrightness(brightness: number): Promise<void> {
    const { brightness: previous, minBrightness, maxBrightness } = this.status();
    if (!Number.isFinite(brightness) || brightness < minBrightness || brightness > maxBrightness) {
      throw new DeviceRefusal(`brightness must be between ${minBrightness} and ${maxBrightness}`, 400);
    }
    const value = Math.round(brightness);
    await this.client.change('Number', this.deviceName, 'FLAT_LIGHT_INTENSITY', { FLAT_LIGHT_INTENSITY_VALUE: value });
    this.listener({ kind: 'event', event: 'FLAT-BRIGHTNESS-CHANGED', data: { Previous: previous, New: value } });
  }

  private coverState(): CoverState {
    const cap = this.client.property(this.deviceName, 'CAP_PARK');
    if (!cap) return 'NotPresent';
    if (cap.state === 'Busy') return 'NeitherOpenNorClosed';
    if (cap.state === 'Alert') return 'Error';
    return cap.values.get('PARK') === 'On' ? 'Closed' : 'Open';
  }
}
