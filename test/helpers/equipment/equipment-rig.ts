import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DEVICE_TYPES, type DriverName } from '@app/equipment';
import type { TestApp } from '../test-app';
import type { nina, SocketClient } from './equipment-client';
import { IndiServer } from './indi-server';
import { IndiSwitchPeer } from './indi-switch-peer';

type Api = ReturnType<typeof nina>;
type Info = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The equipment suite runs once per driver with every device on it: `simulator` (npm test) and
 * `indi` (SKYGATE_EQUIPMENT_DRIVER=indi inside test/integration/indi-namespace.sh, with
 * indiserver, Debian's simulators and a test power box started here).
 */
export interface EquipmentRig {
  readonly driver: DriverName;
  /** Points every device of the active profile at this driver. */
  setUp(api: Api): Promise<void>;
  tearDown(): Promise<void>;
  /**
   * The device's info once `ok` holds. The simulator's moves are instant, so it is asked once
   * (the assertion after it then fails if a move did not complete at once); INDI moves
   * complete by polling.
   */
  settled(api: Api, path: string, ok: (info: Info) => boolean): Promise<Info>;
}

/** What the spec's beforeAll sets up, shared with the test groups it registers. */
export interface EquipmentSuite {
  readonly rig: EquipmentRig;
  t: TestApp;
  api: Api;
  socket: SocketClient;
}

export function equipmentRig(): EquipmentRig {
  const driver = (process.env.SKYGATE_EQUIPMENT_DRIVER ?? 'simulator') as DriverName;
  if (driver === 'simulator') return simulatorRig;
  if (driver !== 'indi') throw new Error(`SKYGATE_EQUIPMENT_DRIVER must be simulator or indi, not ${driver}`);
  if (process.env.SKYGATE_INDI_NAMESPACE !== '1') throw new Error('the indi run needs test/integration/indi-namespace.sh (root, indi-bin)');
  return new IndiRig(Number(process.env.SKYGATE_INDI_PORT ?? 7624));
}

const simulatorRig: EquipmentRig = {
  driver: 'simulator',
  setUp: () => Promise.resolve(),
  tearDown: () => Promise.resolve(),
  settled: (api, path) => api.ok(path),
};

export const POWER_BOX = 'Skygate Test Power Box';

export class IndiRig implements EquipmentRig {
  readonly driver = 'indi' as const;
  readonly powerBox = new IndiSwitchPeer(POWER_BOX);
  server: IndiServer | null = null;

  constructor(readonly port: number) {}

  async setUp(api: Api): Promise<void> {
    const peerPort = await this.powerBox.start();
    this.server = new IndiServer(this.port, [`${POWER_BOX}@127.0.0.1:${peerPort}`]);
    await this.server.start();
    await api.ok('profile/change-value', { settingpath: 'IndiSettings-Port', newValue: String(this.port) });
    await api.ok('profile/change-value', { settingpath: 'IndiSettings-TimeoutSeconds', newValue: '10' });
    await api.ok('profile/change-value', { settingpath: 'IndiSettings-Devices-switch', newValue: POWER_BOX });
    for (const device of DEVICE_TYPES) await api.ok('profile/change-value', { settingpath: `EquipmentDrivers-${device}`, newValue: 'indi' });
  }

  async tearDown(): Promise<void> {
    await this.server?.stop();
    await this.powerBox.stop();
  }

  settled(api: Api, path: string, ok: (info: Info) => boolean): Promise<Info> {
    return until(() => api.ok(path), ok);
  }

  /** Sets properties with indi-bin's own client, as another INDI client would. */
  async setprop(...assignments: string[]): Promise<void> {
    await promisify(execFile)('indi_setprop', ['-p', String(this.port), ...assignments]);
  }

  /** `Device.PROPERTY.ELEMENT=value` as indi-bin's own client reads it. */
  async getprop(element: string): Promise<string> {
    return (await promisify(execFile)('indi_getprop', ['-p', String(this.port), '-t', '2', element])).stdout.trim();
  }
}

/** Polls every 100 ms until `ok` holds (at most `tries` times); returns the last value either way. */
export async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, tries = 300): Promise<T> {
  let value = await probe();
  for (let i = 0; i < tries && !ok(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}
