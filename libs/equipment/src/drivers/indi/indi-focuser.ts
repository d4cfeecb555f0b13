import { DeviceRefusal } from '../contract/device-driver';
import type { FocuserDriver, FocuserStatus } from '../contract/device-interfaces';
import { IndiDevice } from './indi-device';

export class IndiFocuser extends IndiDevice implements FocuserDriver {
  readonly type = 'focuser' as const;

  status(): FocuserStatus {
    return {
      position: this.num('ABS_FOCUS_POSITION', 'FOCUS_ABSOLUTE_POSITION'),
      maxStep: this.num('FOCUS_MAX', 'FOCUS_MAX_VALUE', 100_000),
      stepSize: 1,
      temperature: this.num('FOCUS_TEMPERATURE', 'TEMPERATURE', 0),
      isMoving: this.client.property(this.deviceName, 'ABS_FOCUS_POSITION')?.state === 'Busy',
      tempComp: false,
      tempCompAvailable: false,
    };
  }

  async move(position: number): Promise<void> {
    await this.requireProperty('ABS_FOCUS_POSITION');
    // The 1.9.9 simulator moves at once (Ok, never Busy); real focusers report Busy first.
    await this.client.change('Number', this.deviceName, 'ABS_FOCUS_POSITION', { FOCUS_ABSOLUTE_POSITION: position }).catch((err: Error) => {
      throw new DeviceRefusal(`Focuser refused position ${position}: ${err.message}`, 400);
    });
  }

  async halt(): Promise<void> {
    // FOCUS_ABORT_MOTION is optional (the 1.9.9 simulator lacks it): nothing to stop then.
    if (this.has('FOCUS_ABORT_MOTION')) this.client.sendNew('Switch', this.deviceName, 'FOCUS_ABORT_MOTION', { ABORT: 'On' });
  }
}
