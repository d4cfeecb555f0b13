import { DeviceRefusal } from '../device-driver';
import type { FilterWheelDriver, FilterWheelStatus, FocuserDriver, FocuserStatus, RotatorDriver, RotatorStatus } from '../device-interfaces';
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

export class SimulatedRotator extends SimulatedDevice implements RotatorDriver {
  readonly type = 'rotator' as const;
  private mechanical = 0;
  private reverse = false;

  constructor() {
    super(simulatorIdentity('Rotator Simulator', 'skygate.sim.rotator'));
  }

  status(): RotatorStatus {
    return { position: this.mechanical, mechanicalPosition: this.mechanical, isMoving: false, reverse: this.reverse, canReverse: true, stepSize: 1 };
  }

  moveMechanical(degrees: number): Promise<void> {
    const from = this.mechanical;
    this.mechanical = ((degrees % 360) + 360) % 360;
    this.emit('ROTATOR-MOVED-MECHANICAL', { From: from, To: this.mechanical });
    return Promise.resolve();
  }

  setReverse(reverse: boolean): Promise<void> {
    this.reverse = reverse;
    return Promise.resolve();
  }

  halt(): Promise<void> {
    return Promise.resolve();
  }
}

export class SimulatedFilterWheel extends SimulatedDevice implements FilterWheelDriver {
  readonly type = 'filterwheel' as const;
  private position = 0;
  private readonly names = ['Luminance', 'Red', 'Green', 'Blue', 'H_Alpha', 'OIII', 'SII'];

  constructor() {
    super(simulatorIdentity('Filter Wheel Simulator', 'skygate.sim.filterwheel'));
  }

  status(): FilterWheelStatus {
    return { position: this.position, names: [...this.names], isMoving: false };
  }

  setPosition(position: number): Promise<void> {
    this.requireRange('filter position', position, 0, this.names.length - 1);
    this.position = position;
    return Promise.resolve();
  }
}
