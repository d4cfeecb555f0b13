import { HttpStatus, Injectable } from '@nestjs/common';
import { GpioService } from '@app/gpio';
import { MycodoError } from '../http/mycodo-http';

/**
 * Every GPIO pin claim of the daemon goes through here (one place to switch to @app/gpio's
 * PinClaims). Claims are per owner ("daemon output <name>"); a pin already held by another
 * owner, here or on the Allsky /gpio routes, is refused with a 409 naming that owner.
 */
@Injectable()
export class DaemonPinClaims {
  private readonly owners = new Map<number, string>();

  constructor(private readonly gpio: GpioService) {}

  claim(owner: string, pins: number[]): void {
    const taken = pins.find((pin) => this.owners.has(pin) && this.owners.get(pin) !== owner);
    if (taken !== undefined) throw new MycodoError(HttpStatus.CONFLICT, `Fail: GPIO pin ${taken} is in use by ${this.owners.get(taken)}`);
    const next = new Set([...this.owners.entries()].filter(([, o]) => o !== owner).map(([pin]) => pin));
    pins.forEach((pin) => next.add(pin));
    try {
      this.gpio.reserve('daemon', [...next]);
    } catch (err) {
      throw new MycodoError(HttpStatus.CONFLICT, `Fail: ${(err as Error).message}`);
    }
    for (const [pin, o] of this.owners) if (o === owner) this.owners.delete(pin);
    pins.forEach((pin) => this.owners.set(pin, owner));
  }

  release(owner: string): void {
    for (const [pin, o] of this.owners) if (o === owner) this.owners.delete(pin);
    this.gpio.reserve('daemon', [...this.owners.keys()]);
  }

  ownerOf(pin: number): string | undefined {
    return this.owners.get(pin);
  }
}
