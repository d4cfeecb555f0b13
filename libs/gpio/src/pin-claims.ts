import { Injectable } from '@nestjs/common';

/** A pin another owner holds; the message names the pin and that owner. */
export class PinClaimedError extends Error {
  override readonly name = 'PinClaimedError';

  constructor(
    readonly pin: number,
    readonly owner: string,
  ) {
    super(`GPIO pin ${pin} is in use by the ${owner}`);
  }
}

/**
 * The one registry of which feature drives which GPIO pin, for the whole process (the /gpio
 * routes, the focuser, the daemon's outputs). Owners are short names that read well after "in use
 * by the" ("focuser"). Claims live in memory: each owner claims again at start-up.
 */
@Injectable()
export class PinClaims {
  private readonly owners = new Map<number, string>();

  /** Claims every pin for owner, or none of them: throws PinClaimedError at the first pin another owner holds. Claiming a pin one already holds is a no-op. */
  claim(owner: string, pins: number[]): void {
    for (const pin of pins) {
      const holder = this.owners.get(pin);
      if (holder !== undefined && holder !== owner) throw new PinClaimedError(pin, holder);
    }
    for (const pin of pins) this.owners.set(pin, owner);
  }

  /** Gives up owner's claim on the given pins (all of its pins when none are given); pins held by others stay theirs. */
  release(owner: string, pins?: number[]): void {
    for (const pin of pins ?? [...this.owners.keys()]) {
      if (this.owners.get(pin) === owner) this.owners.delete(pin);
    }
  }

  ownerOf(pin: number): string | undefined {
    return this.owners.get(pin);
  }
}
