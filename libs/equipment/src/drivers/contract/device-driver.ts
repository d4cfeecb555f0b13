import type { DeviceType } from './device-types';

/** Identity every driver reports; the DeviceList and the *Info responses are built from it. */
export interface DeviceIdentity {
  id: string;
  name: string;
  description: string;
  driverInfo: string;
  driverVersion: string;
}

/**
 * Something the device did on its own (a move finished, the connection dropped, the weather
 * turned). Drivers report these; the registry turns them into ninaAPI websocket events, so the
 * simulator, INDI (server pushes) and a later ASCOM Alpaca driver (polling) look the same.
 */
export type DeviceChange =
  | { kind: 'connection-lost'; reason: string }
  /** The device came back by itself (e.g. the INDI server returned) and was reconnected. */
  | { kind: 'connection-restored' }
  | { kind: 'event'; event: string; data?: Record<string, unknown> };

export type DeviceChangeListener = (change: DeviceChange) => void;

/** What all device drivers share. Every call may reject; the API turns that into a 500 envelope. */
export interface DeviceDriver {
  readonly type: DeviceType;
  readonly identity: DeviceIdentity;
  readonly connected: boolean;
  /**
   * Moves are made by a person at the telescope (ninaAPI's networked manual devices) and end when
   * a client confirms them, however long that takes: HTTP routes only start them, as ninaAPI's do.
   */
  readonly manual?: boolean;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Registers the single listener for spontaneous changes (the registry). */
  onChange(listener: DeviceChangeListener): void;
}

/** A driver implementation name as stored in the profile's device selection. */
export type DriverName = 'simulator' | 'indi' | 'networked';
export const DRIVER_NAMES: readonly DriverName[] = ['simulator', 'indi', 'networked'];

/** Creates the driver of one device type; a profile picks a driver name per device. */
export interface DriverFactory {
  readonly name: DriverName;
  /**
   * The profile settings groups this driver reads, with their defaults (INDI: IndiSettings).
   * Profiles get them from here, so the profile code knows no driver's settings.
   */
  readonly profileDefaults?: Record<string, Record<string, unknown>>;
  supports(type: DeviceType): boolean;
  /** `settings` is the active profile's settings; a driver reads its own groups from it. */
  create(type: DeviceType, settings: Record<string, unknown>): DeviceDriver;
  /** Releases shared resources (connections) at shutdown. */
  close?(): void;
}

export const DRIVER_FACTORIES = Symbol('DRIVER_FACTORIES');

/** Raised by drivers for a request the device refuses (out of range, not supported): a 400/409 outcome. */
export class DeviceRefusal extends Error {
  constructor(
    message: string,
    readonly code: 400 | 409 = 409,
  ) {
    super(message);
    this.name = 'DeviceRefusal';
  }
}
