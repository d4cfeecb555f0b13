import { DeviceRefusal } from '../contract/device-driver';
import type { FilterWheelDriver, FilterWheelStatus } from '../contract/device-interfaces';
import { SimulatedDevice } from '../simulator/simulated-device';
import type { OperatorRequests } from './operator-requests';

/**
 * ninaAPI's "Networked Filter Wheel": a manual wheel whose filters are the profile's. A change
 * names the filter on /v2/filterwheel and waits until a client there answers `filter-changed`
 * (or the change is cancelled, replaced or the wheel disconnected); only then is it at the new slot.
 * In-process like the simulators, so it shares their connection and event plumbing.
 */
export class NetworkedFilterWheel extends SimulatedDevice implements FilterWheelDriver {
  readonly type = 'filterwheel' as const;
  readonly manual = true;
  private position = 0;
  private moving = false;

  constructor(
    private readonly requests: OperatorRequests<string>,
    private readonly filterNames: () => string[],
  ) {
    super({ id: 'Networked Filter Wheel', name: 'Networked Filter Wheel', description: 'A networked manual filter wheel', driverInfo: 'n.A.', driverVersion: '1.0' });
  }

  status(): FilterWheelStatus {
    return { position: this.moving ? -1 : this.position, names: this.filterNames(), isMoving: this.moving };
  }

  /** Not async: a slot out of range is refused at once, before anything is asked of the person. */
  setPosition(position: number, signal?: AbortSignal): Promise<void> {
    const names = this.filterNames();
    this.requireRange('filter position', position, 0, names.length - 1);
    if (!Number.isInteger(position)) throw new DeviceRefusal('filter position must be a whole number', 400);
    if (position === this.position && !this.moving) return Promise.resolve();
    this.moving = true;
    const arrived = () => {
      this.position = position;
      this.moving = false;
    };
    return this.requests.ask(names[position], arrived, signal).catch((error: Error) => {
      // A newer change keeps the wheel moving; a cancelled one leaves it where it was.
      if (this.requests.pending === null) this.moving = false;
      throw error;
    });
  }

  override async disconnect(): Promise<void> {
    if (this.moving) this.requests.cancel(new DeviceRefusal('Filterwheel disconnected during the filter change', 409));
    await super.disconnect();
  }
}
