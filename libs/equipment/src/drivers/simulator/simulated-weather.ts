import type { WeatherDriver, WeatherReadings } from '../contract/device-interfaces';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';

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
