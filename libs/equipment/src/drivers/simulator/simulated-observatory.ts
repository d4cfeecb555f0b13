import { DeviceRefusal } from '../device-driver';
import type {
  DomeDriver,
  DomeStatus,
  FlatDeviceDriver,
  FlatDeviceStatus,
  SafetyMonitorDriver,
  SwitchDriver,
  SwitchPort,
  WeatherDriver,
  WeatherReadings,
} from '../device-interfaces';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';

export class SimulatedDome extends SimulatedDevice implements DomeDriver {
  readonly type = 'dome' as const;
  private state: DomeStatus = { shutter: 'ShutterClosed', azimuthDeg: 90, atPark: true, atHome: false, slewing: false, following: false };
  private parkAzimuth = 90;

  constructor() {
    super(simulatorIdentity('Dome Simulator', 'skygate.sim.dome'));
  }

  status(): DomeStatus {
    return { ...this.state };
  }

  openShutter(): Promise<void> {
    this.state.shutter = 'ShutterOpen';
    this.emit('DOME-SHUTTER-OPENED');
    return Promise.resolve();
  }

  closeShutter(): Promise<void> {
    this.state.shutter = 'ShutterClosed';
    this.emit('DOME-SHUTTER-CLOSED');
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.emit('DOME-STOPPED');
    return Promise.resolve();
  }

  slew(azimuthDeg: number): Promise<void> {
    this.requireRange('azimuth', azimuthDeg, 0, 360);
    const from = this.state.azimuthDeg;
    Object.assign(this.state, { azimuthDeg: Math.round(azimuthDeg) % 360, atPark: false, atHome: false });
    this.emit('DOME-SLEWED', { From: from, To: this.state.azimuthDeg });
    return Promise.resolve();
  }

  sync(azimuthDeg: number): Promise<void> {
    this.state.azimuthDeg = Math.round(azimuthDeg) % 360;
    this.emit('DOME-SYNCED');
    return Promise.resolve();
  }

  park(): Promise<void> {
    Object.assign(this.state, { azimuthDeg: this.parkAzimuth, atPark: true, atHome: false });
    this.emit('DOME-PARKED');
    return Promise.resolve();
  }

  setParkPosition(): Promise<void> {
    this.parkAzimuth = this.state.azimuthDeg;
    return Promise.resolve();
  }

  findHome(): Promise<void> {
    Object.assign(this.state, { azimuthDeg: 0, atHome: true, atPark: false });
    this.emit('DOME-HOMED');
    return Promise.resolve();
  }

  setFollowing(on: boolean): Promise<void> {
    this.state.following = on;
    return Promise.resolve();
  }
}

export class SimulatedSwitch extends SimulatedDevice implements SwitchDriver {
  readonly type = 'switch' as const;
  private readonly switches: SwitchPort[] = [
    { id: 0, name: 'Power 12V', description: 'Main 12 V output', writable: true, min: 0, max: 1, step: 1, value: 1 },
    { id: 1, name: 'Dew heater', description: 'Dew heater PWM (%)', writable: true, min: 0, max: 100, step: 1, value: 0 },
    { id: 2, name: 'Input voltage', description: 'Supply voltage (V)', writable: false, min: 0, max: 20, step: 0.1, value: 13 },
  ];

  constructor() {
    super(simulatorIdentity('Switch Simulator', 'skygate.sim.switch'));
  }

  ports(): SwitchPort[] {
    return this.switches.map((s) => ({ ...s }));
  }

  setValue(id: number, value: number): Promise<void> {
    const port = this.switches.find((s) => s.id === id);
    if (!port || !port.writable) throw new DeviceRefusal('Invalid switch index', 400);
    this.requireRange('value', value, port.min, port.max);
    port.value = value;
    return Promise.resolve();
  }
}

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

/** Safe while the simulated weather is calm; `setSafe` lets tests and the CLI change it. */
export class SimulatedSafetyMonitor extends SimulatedDevice implements SafetyMonitorDriver {
  readonly type = 'safetymonitor' as const;
  private safe = true;

  constructor() {
    super(simulatorIdentity('Safety Monitor Simulator', 'skygate.sim.safetymonitor'));
  }

  isSafe(): boolean {
    return this.safe;
  }

  setSafe(safe: boolean): void {
    if (safe === this.safe) return;
    this.safe = safe;
    this.emit('SAFETY-CHANGED', { IsSafe: safe });
  }
}

export class SimulatedWeather extends SimulatedDevice implements WeatherDriver {
  readonly type = 'weather' as const;

  constructor() {
    super(simulatorIdentity('Weather Simulator', 'skygate.sim.weather'));
  }

  readings(): WeatherReadings {
    return {
      averagePeriod: 0,
      cloudCover: 10,
      dewPoint: 3.2,
      humidity: 62,
      pressure: 1013,
      rainRate: 0,
      skyBrightness: null,
      skyQuality: 20.8,
      skyTemperature: -18.5,
      starFwhm: null,
      temperature: 9.4,
      windDirection: 270,
      windGust: 4.1,
      windSpeed: 2.3,
    };
  }
}
