import type { FilterWheelDriver, FilterWheelStatus } from '../contract/device-interfaces';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';

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
