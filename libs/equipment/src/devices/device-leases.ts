import { Injectable } from '@nestjs/common';
import type { DeviceType } from '../drivers/contract/device-types';
import { DEVICE_WORDS } from '../drivers/contract/device-types';
import { NinaError } from '../nina/envelope';

/**
 * Which devices an automation (a running sequence) owns. Controllers ask before a command that
 * would fight it (a manual capture, a slew) and answer 409 instead.
 */
@Injectable()
export class DeviceLeases {
  private readonly owners = new Map<DeviceType, string>();

  claim(owner: string, devices: readonly DeviceType[]): void {
    for (const device of devices) this.owners.set(device, owner);
  }

  release(owner: string): void {
    for (const [device, holder] of this.owners) if (holder === owner) this.owners.delete(device);
  }

  ownerOf(device: DeviceType): string | undefined {
    return this.owners.get(device);
  }

  /** ninaAPI-style 409 when a lease holder owns the device. */
  assertFree(device: DeviceType): void {
    const owner = this.owners.get(device);
    if (owner) throw new NinaError(`${DEVICE_WORDS[device].label} is in use by ${owner}`, 409);
  }
}
