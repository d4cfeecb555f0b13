import type { RotatorDriver, RotatorStatus } from '../contract/device-interfaces';
import { SimulatedDevice, simulatorIdentity } from './simulated-device';

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
    // N.I.N.A. 3.2 raises Moved (ROTATOR-MOVED) for both kinds of move; MovedMechanical is never raised.
    this.emit('ROTATOR-MOVED', { From: from, To: this.mechanical });
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
