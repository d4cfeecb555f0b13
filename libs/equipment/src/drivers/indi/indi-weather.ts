import type { WeatherDriver, WeatherReadings } from '../contract/device-interfaces';
import { IndiDevice } from './indi-device';

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
