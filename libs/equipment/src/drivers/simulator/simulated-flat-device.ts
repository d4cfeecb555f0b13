import type { FlatDeviceDriver, FlatDeviceStatus } from '../contract/device-interfaces';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';

export class SimulatedFlatDevice extends SimulatedDevice implements FlatDeviceDriver {
  readonly type = 'flatdevice' as const;
  private state: FlatDeviceStatus = { coverState: 'Open', lightOn: false, brightness: 0, minBrightness: 0, maxBrightness: 255, supportsOpenClose: true };

  constructor() {
    super(simulatorIdentity('Flat Panel Simulator', 'skygate.sim.flatdevice'));
  }

  status(): FlatDeviceStatus {
    return { ...this.state };
  }

  setLight(on: boolean): Promise<void> {
    if (this.state.lightOn !== on) this.emit('FLAT-LIGHT-TOGGLED');
    this.state.lightOn = on;
    return Promise.resolve();
  }

  setCover(closed: boolean): Promise<void> {
    this.state.coverState = closed ? 'Closed' : 'Open';
    this.emit(closed ? 'FLAT-COVER-CLOSED' : 'FLAT-COVER-OPENED');
    return Promise.resolve();
  }

  setBrightness(brightness: number): Promise<void> {
    this.requireRange('brightness', brightness, this.state.minBrightness, this.state.maxBrightness);
    const previous = this.state.brightness;
    this.state.brightness = Math.round(brightness);
    this.emit('FLAT-BRIGHTNESS-CHANGED', { Previous: previous, New: this.state.brightness });
    return Promise.resolve();
  }
}
