import type { FilterWheelDriver, FilterWheelStatus } from '../contract/device-interfaces';
import { IndiDevice } from './indi-device';

export class IndiFilterWheel extends IndiDevice implements FilterWheelDriver {
  readonly type = 'filterwheel' as const;

  status(): FilterWheelStatus {
    const slot = this.client.property(this.deviceName, 'FILTER_SLOT');
    const names = [...(this.client.property(this.deviceName, 'FILTER_NAME')?.values.values() ?? [])];
    const moving = slot?.state === 'Busy';
    // INDI slots are 1-based; ninaAPI and ASCOM count from 0 (-1 while moving).
    return { position: moving ? -1 : this.num('FILTER_SLOT', 'FILTER_SLOT_VALUE', 1) - 1, names, isMoving: moving };
  }

  async setPosition(position: number): Promise<void> {
    await this.client.change('Number', this.deviceName, 'FILTER_SLOT', { FILTER_SLOT_VALUE: position + 1 });
  }
}
