import { HttpStatus, Injectable } from '@nestjs/common';
import { PinClaimedError, PinClaims } from '@app/gpio';
import { MycodoError } from '../http/mycodo-http';

/**
 * The daemon's GPIO pin claims, in the process-wide registry shared with the /gpio routes and the
 * focuser (`PinClaims` of @app/gpio): one owner per output ("daemon output <name>"); a pin another
 * owner holds is refused with Mycodo's 409 body naming that owner.
 */
@Injectable()
export class DaemonPinClaims {
  constructor(private readonly claims: PinClaims) {}

  /** Claims exactly `pins` for `owner` (pins it held before and no longer lists are released). */
  claim(owner: string, pins: number[]): void {
    const held = this.claims.pinsOf(owner).filter((pin) => !pins.includes(pin));
    try {
      this.claims.claim(owner, pins);
    } catch (err) {
      if (err instanceof PinClaimedError) throw new MycodoError(HttpStatus.CONFLICT, `Fail: ${err.message}`);
      throw err;
    }
    this.claims.release(owner, held);
  }

  release(owner: string): void {
    this.claims.release(owner);
  }

  ownerOf(pin: number): string | undefined {
    return this.claims.ownerOf(pin);
  }
}
