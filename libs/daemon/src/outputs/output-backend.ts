import type { ChannelOptions } from '../entities/output.entity';

/** What an output back-end can be asked to do (Mycodo's output module `output_types`). */
export interface OutputCapabilities {
  on_off: boolean;
  pwm: boolean;
  value: boolean;
  volume: boolean;
}

/** One output channel as the back-end sees it: its number and its options (pin, on_state, commands...). */
export interface OutputChannelConfig {
  channel: number;
  options: ChannelOptions;
}

/**
 * The hardware side of one output device. The daemon's OutputsService owns timing, min-off,
 * recording and events; a back-end only switches. Every method may reject; the rejection's
 * message is returned to the API caller as "Fail: <message>".
 */
export interface OutputBackend {
  readonly capabilities: OutputCapabilities;
  /** Claims what it needs (GPIO pins, a connection); called once before the first command. */
  setup(): Promise<void>;
  on(channel: number): Promise<void>;
  off(channel: number): Promise<void>;
  /** PWM duty in percent 0..100 (0 = off). */
  duty?(channel: number, percent: number): Promise<void>;
  /** A numeric value (e.g. a power box port level). */
  value?(channel: number, value: number): Promise<void>;
  /** Dispense a volume (ml). */
  volume?(channel: number, ml: number): Promise<void>;
  /** The state read back from the hardware where it can be read (Mycodo's `is_on`); undefined = unknown, use the commanded state. */
  isOn?(channel: number): Promise<boolean | number | undefined>;
  /** Gives back what setup() claimed. */
  close(): Promise<void>;
}

/** Builds a back-end for one output device; registered per `output_type`. */
export interface OutputBackendFactory {
  readonly outputType: string;
  readonly description: string;
  create(output: { unique_id: string; name: string; custom_options: Record<string, unknown> }, channels: OutputChannelConfig[]): OutputBackend;
}

/** Injection token: every OutputBackendFactory (the lead adds the devices helper's here). */
export const OUTPUT_BACKEND_FACTORIES = Symbol('OUTPUT_BACKEND_FACTORIES');

/** The MQTT publisher an `mqtt` output or a publish action uses; supplied by the MQTT client module. */
export interface MqttPublisher {
  publish(topic: string, payload: string, options?: { retain?: boolean; qos?: 0 | 1 | 2 }): Promise<void>;
}

/** Injection token of the MqttPublisher; absent (null) until an MQTT client is configured. */
export const MQTT_PUBLISHER = Symbol('MQTT_PUBLISHER');
