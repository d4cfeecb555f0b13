import { Injectable } from '@nestjs/common';
import { onFirstUse } from '@app/core';

/** argon2's native addon (~20 ms to load) is loaded by the first password hashed or checked, not at every start. */
const argon2 = onFirstUse(() => require('argon2') as typeof import('argon2'));

/** argon2id, as indi-allsky's usertool uses. Only at login and password changes, never per request. */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2().hash(password, { type: argon2().argon2id });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2().verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same time as a real check, so response time does not tell whether a user exists. */
  async verifyNobody(password: string): Promise<false> {
    this.dummy ??= this.hash('no user has this password');
    await this.verify(await this.dummy, password);
    return false;
  }
}
