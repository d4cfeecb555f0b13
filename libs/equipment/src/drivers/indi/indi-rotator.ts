import type { RotatorDriver, RotatorStatus } from '../contract/device-interfaces';
import { IndiDevice } from './indi-device';

export class IndiRotator extends IndiDevice implements RotatorDriver {
  readonly type = 'rotator' as const;

  status(): RotatorStatus {
    const angle = this.num('ABS_ROTATOR_ANGLE', 'ANGLE');
    return { position: angle, mechanicalPosition: angle, isMoving: this.client.property(this.deviceName, 'ABS_ROTATOR_ANGLE')?.state === 'Busy', reverse: this.on('ROTATOR_REVERSE', 'INDI_ENABLED'), canReverse: this.has('ROTATOR_REVERSE'), stepSize: 1 };
  }

  moveMechanical(degrees: number): Promise<void> {
    this.client.sendNew('Number', this.deviceName, 'ABS_ROTATOR_ANGLE', { ANGLE: ((degrees % 360) + 360) % 360 });
    return Promise.resolve();
  }

  async setReverse(reverse: boolean): Promise<void> {
    await this.client.change('Switch', this.deviceName, 'ROTATOR_REVERSE', { [reverse ? 'INDI_ENABLED' : 'INDI_DISABLED']: 'On' });
  }

  halt(): Promise<void> {
    this.client.sendNew('Switch', this.deviceName, 'ROTATOR_ABORT_MOTION', { ABORT: 'On' });
    return Promise.resolve();
  }
}
