import { DeviceRefusal } from '../device-driver';
import type { CoverState, FlatDeviceDriver, FlatDeviceStatus, SafetyMonitorDriver, WeatherDriver, WeatherReadings } from '../device-interfaces';
import { IndiDevice } from './indi-device';
import type { IndiProperty } from './indi-protocol';

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

/**
 * WEATHER_PARAMETERS elements → ASCOM ObservingConditions units. INDI weather drivers report
 * wind in km/h (ASCOM: m/s) and rain in mm/h (as ASCOM); the rest is already °C, %, hPa.
 */
const WEATHER_ELEMENTS: Record<Exclude<keyof WeatherReadings, 'averagePeriod'>, { element: string; scale?: number }> = {
  cloudCover: { element: 'WEATHER_CLOUD_COVER' },
  dewPoint: { element: 'WEATHER_DEWPOINT' },
  humidity: { element: 'WEATHER_HUMIDITY' },
  pressure: { element: 'WEATHER_PRESSURE' },
  rainRate: { element: 'WEATHER_RAIN_HOUR' },
  skyBrightness: { element: 'WEATHER_SKY_BRIGHTNESS' },
  skyQuality: { element: 'WEATHER_SQM' },
  skyTemperature: { element: 'WEATHER_SKY_TEMPERATURE' },
  starFwhm: { element: 'WEATHER_STAR_FWHM' },
  temperature: { element: 'WEATHER_TEMPERATURE' },
  windDirection: { element: 'WEATHER_WIND_DIRECTION' },
  windGust: { element: 'WEATHER_WIND_GUST', scale: 1 / 3.6 },
  windSpeed: { element: 'WEATHER_WIND_SPEED', scale: 1 / 3.6 },
};

export class IndiWeather extends IndiDevice implements WeatherDriver {
  readonly type = 'weather' as const;

  readings(): WeatherReadings {
    const readings = { averagePeriod: 0 } as WeatherReadings;
    for (const [key, { element, scale = 1 }] of Object.entries(WEATHER_ELEMENTS)) {
      const value = this.client.number(this.deviceName, 'WEATHER_PARAMETERS', element);
      readings[key as keyof typeof WEATHER_ELEMENTS] = value === undefined || !Number.isFinite(value) ? null : value * scale;
    }
    return readings;
  }
}

/**
 * INDI has no safety-monitor interface: safe means the overall state of a weather device's
 * WEATHER_STATUS lights is Ok (Busy = warning and Alert = danger are unsafe). It shares the
 * INDI device with the weather driver, so disconnecting it leaves the device connected.
 */
export class IndiSafetyMonitor extends IndiDevice implements SafetyMonitorDriver {
  readonly type = 'safetymonitor' as const;
  private lastSafe: boolean | null = null;

  constructor(...args: ConstructorParameters<typeof IndiWeather>) {
    super(args[0], args[1], true);
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
