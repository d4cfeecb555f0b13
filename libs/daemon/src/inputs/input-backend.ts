/** One value an input back-end read. */
export interface InputReading {
  channel: number;
  /** Unit id (Mycodo's: `C`, `percent`, `hPa`...). */
  unit: string;
  /** Measurement kind (`temperature`, `humidity`...). */
  measurement: string;
  value: number;
}

/** A channel the daemon expects from the back-end, with its options. */
export interface InputChannelConfig {
  channel: number;
  unit: string;
  measurement: string;
  options: Record<string, unknown>;
}

/**
 * The hardware side of one input (sensor). The daemon schedules it every `period` seconds on the
 * Clock, stores what measure() returns as measurements and publishes them on the bus.
 */
export interface InputBackend {
  measure(): Promise<InputReading[]>;
  /** Releases what the back-end holds (a bus, a child process); optional. */
  close?(): Promise<void>;
}

/** Builds the back-end of one input; registered per input `device` name. */
export interface InputBackendFactory {
  readonly device: string;
  readonly description: string;
  /** Default channels for a new input of this kind when the request gives none. */
  defaultChannels(): InputChannelConfig[];
  /** May connect first (an I2C bus, MQTT subscriptions); a rejection fails the input's activation. */
  create(input: { unique_id: string; name: string; cmd_command: string | null; custom_options: Record<string, unknown> }, channels: InputChannelConfig[]): InputBackend | Promise<InputBackend>;
}

/** Injection token: every InputBackendFactory. */
export const INPUT_BACKEND_FACTORIES = Symbol('INPUT_BACKEND_FACTORIES');
