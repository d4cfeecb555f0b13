import { availableParallelism } from 'node:os';
import { HttpException, HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import { Semaphore } from 'async-mutex';

export interface LoginGateLimits {
  /** Password checks (argon2) running at once. */
  concurrency: number;
  /** Checks allowed to wait for a slot; more are refused with 503. */
  maxWaiting: number;
  /** Checks from one client address in progress at once; more are refused with 429. */
  perAddress: number;
}

export const LOGIN_GATE_LIMITS = Symbol('LOGIN_GATE_LIMITS');

/** Half the cores hash (argon2 takes ~64 MiB and tens of milliseconds each), so requests keep being served. */
const CONCURRENCY = Math.max(1, Math.floor(availableParallelism() / 2));
const DEFAULT_LIMITS: LoginGateLimits = { concurrency: CONCURRENCY, maxWaiting: 8 * CONCURRENCY, perAddress: 4 };

/** A login refused before its password was checked; the client should retry after `retryAfterSeconds`. */
export class LoginRefusedException extends HttpException {
  constructor(
    status: HttpStatus,
    error: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super({ statusCode: status, error, message }, status);
  }
}

/**
 * Bounds the password hashing of logins so a flood (random user names from one client, or many
 * clients) cannot starve everyone else: a few checks at once, a short queue, and at most four
 * in progress per client address. The failure limits of LoginThrottle count only finished
 * attempts; this covers the ones still running.
 */
@Injectable()
export class LoginGate {
  private readonly limits: LoginGateLimits;
  private readonly semaphore: Semaphore;
  private waiting = 0;
  private readonly inProgress = new Map<string, number>();

  constructor(@Optional() @Inject(LOGIN_GATE_LIMITS) limits?: Partial<LoginGateLimits>) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.semaphore = new Semaphore(this.limits.concurrency);
  }

  async run<T>(address: string, check: () => Promise<T>): Promise<T> {
    const mine = this.inProgress.get(address) ?? 0;
    if (mine >= this.limits.perAddress) {
      throw new LoginRefusedException(HttpStatus.TOO_MANY_REQUESTS, 'Too many logins', 'a login from this address is still being checked; retry in 1 s', 1);
    }
    if (this.waiting >= this.limits.maxWaiting) {
      throw new LoginRefusedException(HttpStatus.SERVICE_UNAVAILABLE, 'Too many logins', 'too many logins are being checked; retry in 1 s', 1);
    }
    this.inProgress.set(address, mine + 1);
    this.waiting++;
    let queued = true;
    try {
      return await this.semaphore.runExclusive(() => {
        queued = false;
        this.waiting--;
        return check();
      });
    } finally {
      if (queued) this.waiting--;
      const left = (this.inProgress.get(address) ?? 1) - 1;
      if (left > 0) this.inProgress.set(address, left);
      else this.inProgress.delete(address);
    }
  }
}
