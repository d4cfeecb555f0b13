import { Injectable } from '@nestjs/common';
import { AppConfig, Clock } from '@app/core';

const WINDOW_MS = 15 * 60_000;
/** Across all user names, one address gets this many times the per-name allowance. */
const PER_ADDRESS_FACTOR = 4;

/**
 * Counts failed logins per (client address, user name) and per client address in a sliding
 * 15-minute window; past the limit, logins are refused until the oldest failure ages out.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Seconds to wait before another attempt is allowed, or 0. */
  retryAfter(address: string, username: string): number {
    const now = this.clock.nowMs();
    const limit = this.config.auth.loginMaxFailures;
    const waits = [
      this.waitFor(this.pairKey(address, username), limit, now),
      this.waitFor(this.addressKey(address), limit * PER_ADDRESS_FACTOR, now),
    ];
    return Math.max(...waits);
  }

  recordFailure(address: string, username: string): void {
    const now = this.clock.nowMs();
    for (const key of [this.pairKey(address, username), this.addressKey(address)]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
  }

  recordSuccess(address: string, username: string): void {
    this.failures.delete(this.pairKey(address, username));
  }

  private waitFor(key: string, limit: number, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < limit) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - limit] + WINDOW_MS - now) / 1000));
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  private pairKey(address: string, username: string): string {
    return `${address}\u0000${username.toLowerCase()}`;
  }

  private addressKey(address: string): string {
    return `${address}\u0000*`;
  }
}
