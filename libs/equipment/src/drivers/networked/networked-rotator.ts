import { DeviceRefusal } from '../contract/device-driver';
import type { RotatorDriver, RotatorStatus } from '../contract/device-interfaces';
import { SimulatedDevice } from '../simulator/simulated-device';
import type { OperatorRequests, RotationRequest } from './operator-requests';

const mod360 = (degrees: number) => ((degrees % 360) + 360) % 360;

/**
 * ninaAPI's "Networked Rotator": a move asks the person at the telescope, on /v2/rotator, to turn
 * by the shortest way (`{Position, TargetPosition, Rotation}`) and waits for `rotation-completed`;
 * `halt`, a signal or a disconnect cancels it. ROTATOR-MOVED follows a completed move, as the
 * simulator's. In-process like the simulators, so it shares their connection and event plumbing.
 */
export class NetworkedRotator extends SimulatedDevice implements RotatorDriver {
  readonly type = 'rotator' as const;
  readonly manual = true;
  private position = 0;
  private reverse = false;
  private moving = false;

  constructor(private readonly requests: OperatorRequests<RotationRequest>) {
    super({ id: 'Networked Rotator', name: 'Networked Rotator', description: 'A networked manual rotator', driverInfo: 'n.A.', driverVersion: '1.0' });
  }

  status(): RotatorStatus {
    // ninaAPI's NetworkedRotator leaves StepSize at 0.
    return { position: this.position, mechanicalPosition: this.position, isMoving: this.moving, reverse: this.reverse, canReverse: true, stepSize: 0 };
  }

  /** Not async: a bad angle is refused at once, before anything is asked of the person. */
  moveMechanical(degrees: number, signal?: AbortSignal): Promise<void> {
    if (!Number.isFinite(degrees)) throw new DeviceRefusal('position must be a number', 400);
    const from = this.position;
    // The shortest turn, in (-180, 180] as ninaAPI's Move chooses it (+180 stays clockwise).
    let turn = mod360(degrees - from);
    if (turn > 180) turn -= 360;
    if (turn === 0 && !this.moving) {
      this.emit('ROTATOR-MOVED', { From: from, To: from });
      return Promise.resolve();
    }
    const request: RotationRequest = { Position: from, TargetPosition: from + turn, Rotation: Math.abs(turn) };
    this.moving = true;
    const arrived = () => {
      this.position = mod360(request.TargetPosition);
      this.moving = false;
      this.emit('ROTATOR-MOVED', { From: from, To: this.position });
    };
    return this.requests.ask(request, arrived, signal).catch((error: Error) => {
      // A newer move keeps it moving; a cancelled one leaves it where it was.
      if (this.requests.pending === null) this.moving = false;
      throw error;
    });
  }

  setReverse(reverse: boolean): Promise<void> {
    this.reverse = reverse;
    return Promise.resolve();
  }

  halt(): Promise<void> {
    if (this.moving) this.requests.cancel(new DeviceRefusal('Rotator move stopped', 409));
    return Promise.resolve();
  }

  override async disconnect(): Promise<void> {
    await this.halt();
    await super.disconnect();
  }
}
