/**
 * The shapes the daemon's wiring plugs device back-ends into (issue 13). The wiring declares the
 * same shapes in its own files; keep both in step until they are unified.
 */

/** One value an input produced: Mycodo's (channel, measurement, unit) triple, e.g. (0, temperature, C). */
export interface InputMeasurement {
  channel: number;
  measurement: string;
  unit: string;
  value: number;
}

/** A source of measurements: a sensor, a bus device, an MQTT topic. */
export interface InputBackend {
  /** Takes one reading of every channel it can; rejects when it can read none. */
  measure(): Promise<InputMeasurement[]>;
  close?(): Promise<void>;
}

/** Something the daemon switches: a relay, a PWM line, an MQTT-controlled plug. */
export interface OutputBackend {
  setState(channel: number, on: boolean): Promise<void>;
  setDutyCycle?(channel: number, percent: number): Promise<void>;
  close?(): Promise<void>;
}

/** A reading that failed for a reason worth logging (CRC error, reset value, wrong chip...). */
export class SensorReadError extends Error {
  override readonly name = 'SensorReadError';
}
