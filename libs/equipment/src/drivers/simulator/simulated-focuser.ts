import { DeviceRefusal } from '../contract/device-driver';
import type { FocuserDriver, FocuserStatus } from '../contract/device-interfaces';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';

/** Best focus of the simulated optics; the simulated camera blurs stars by the distance from it. */
export const SIMULATED_BEST_FOCUS = 25_000;

export class SimulatedFocuser extends SimulatedDevice implements FocuserDriver {
  readonly type = 'focuser' as const;
  private position = SIMULATED_BEST_FOCUS;

  constructor() {
    super(simulatorIdentity('Focuser Simulator', 'skygate.sim.focuser'));
  }

  status(): FocuserStatus {
    return { position: this.position, maxStep: 100_000, stepSize: 4, temperature: 12.5, isMoving: false, tempComp: false, tempCompAvailable: false };
  }

  move(position: number): Promise<void> {
    if (!Number.isInteger(position) || position < 0 || position > 100_000) throw new DeviceRefusal('position must be an integer between 0 and 100000', 400);
    this.position = position;
    return Promise.resolve();
  }

  halt(): Promise<void> {
    return Promise.resolve();
  }
}
