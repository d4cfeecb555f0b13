/**
 * Derived air quantities, as Mycodo's sensorutils computes them for its BME280 input, so
 * stored values agree with Mycodo's.
 */

/** Dew point (°C) by the Magnus formula with Sonntag's constants over water (≥ 0 °C) or ice. */
export function dewPointC(temperatureC: number, relativeHumidity: number): number {
  const [tn, m] = temperatureC >= 0 ? [243.12, 17.62] : [272.62, 22.46];
  if (relativeHumidity <= 0) return 0; // Mycodo's answer where the logarithm is undefined
  const gamma = Math.log(relativeHumidity / 100) + (m * temperatureC) / (tn + temperatureC);
  return (tn * gamma) / (m - gamma);
}

/** Altitude (m) from pressure (Pa) by the international barometric formula. */
export function altitudeM(pressurePa: number, seaLevelPa = 101_325): number {
  return 44_330 * (1 - (pressurePa / seaLevelPa) ** (1 / 5.255));
}
