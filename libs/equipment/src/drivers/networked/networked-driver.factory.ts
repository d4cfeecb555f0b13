import type { DeviceType } from '../contract/device-types';
import type { DeviceDriver, DriverFactory } from '../contract/device-driver';
import { NetworkedFilterWheel } from './networked-filter-wheel';
import { NetworkedRotator } from './networked-rotator';
import type { OperatorDesks } from './operator-requests';

/**
 * ninaAPI's networked manual devices (`networked`): a filter wheel and a rotator moved by hand,
 * confirmed over /v2/filterwheel and /v2/rotator. `filterNames` reads the active profile's
 * filter list when asked, so filters added or renamed later are the wheel's at once.
 */
export class NetworkedDriverFactory implements DriverFactory {
  readonly name = 'networked' as const;

  constructor(
    private readonly desks: OperatorDesks,
    private readonly filterNames: () => string[],
  ) {}

  supports(type: DeviceType): boolean {
    return type === 'filterwheel' || type === 'rotator';
  }

  create(type: DeviceType): DeviceDriver {
    if (type === 'filterwheel') return new NetworkedFilterWheel(this.desks.filterwheel, this.filterNames);
    if (type === 'rotator') return new NetworkedRotator(this.desks.rotator);
    throw new Error(`The networked driver has no ${type} support`);
  }
}
