import { AppConfig, ManualClock } from '@app/core';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  const config = new AppConfig({ port: 0, host: '127.0.0.1', dataDir: '/tmp', database: { kind: 'pglite', dataDir: 'memory://' }, logLevel: 'silent', uploadMaxBytes: 1, auth: { loginMaxFailures: 3 } });
  let clock: ManualClock;
  let throttle: LoginThrottle;
  beforeEach(() => {
    clock = new ManualClock('2026-11-22T00:00:00Z');
    throttle = new LoginThrottle(clock, config);
  });

  it('refuses after the limit until the oldest failure is 15 minutes old', () => {
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfter('10.0.0.1', 'alice')).toBe(0);
      throttle.recordFailure('10.0.0.1', 'alice');
      clock.advance(60_000);
    }
    // failures at 0, 1 and 2 minutes; now 3 minutes: the first ages out at 15.
    expect(throttle.retryAfter('10.0.0.1', 'alice')).toBe(12 * 60);
    expect(throttle.retryAfter('10.0.0.1', 'ALICE')).toBe(12 * 60);
    expect(throttle.retryAfter('10.0.0.2', 'alice')).toBe(0);
    expect(throttle.retryAfter('10.0.0.1', 'bob')).toBe(0);
    clock.advance(12 * 60_000);
    expect(throttle.retryAfter('10.0.0.1', 'alice')).toBe(0);
  });

  it('forgets a pair after a successful login', () => {
    for (let i = 0; i < 3; i++) throttle.recordFailure('10.0.0.1', 'alice');
    throttle.recordSuccess('10.0.0.1', 'alice');
    expect(throttle.retryAfter('10.0.0.1', 'alice')).toBe(0);
  });

  it('limits one address across many user names', () => {
    for (let i = 0; i < 12; i++) throttle.recordFailure('10.0.0.9', `user${i}`);
    expect(throttle.retryAfter('10.0.0.9', 'someone-new')).toBeGreaterThan(0);
    expect(throttle.retryAfter('10.0.0.8', 'someone-new')).toBe(0);
  });
});
