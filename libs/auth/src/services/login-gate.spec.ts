import { HttpStatus } from '@nestjs/common';
import { LoginGate, LoginRefusedException } from './login-gate';

interface PendingCheck {
  check: () => Promise<boolean>;
  finish: () => void;
  started: () => boolean;
}

/** A password check that finishes when the test says so. */
function pendingCheck(): PendingCheck {
  let started = false;
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  return {
    check: async () => {
      started = true;
      await done;
      return true;
    },
    finish: () => finish(),
    started: () => started,
  };
}

async function refusal(attempt: Promise<unknown>): Promise<{ status: number; retryAfter: number }> {
  const err: unknown = await attempt.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof LoginRefusedException)) throw new Error(`expected a LoginRefusedException, got ${String(err)}`);
  return { status: err.getStatus(), retryAfter: err.retryAfterSeconds };
}

describe('LoginGate', () => {
  it('runs only `concurrency` checks at once and queues the rest in order', async () => {
    const gate = new LoginGate({ concurrency: 1, maxWaiting: 4, perAddress: 2 });
    const a = pendingCheck();
    const b = pendingCheck();
    const first = gate.run('10.0.0.1', a.check);
    const second = gate.run('10.0.0.2', b.check);
    await new Promise((r) => setImmediate(r));
    expect([a.started(), b.started()]).toEqual([true, false]);
    a.finish();
    await first;
    await new Promise((r) => setImmediate(r));
    expect(b.started()).toBe(true);
    b.finish();
    await expect(second).resolves.toBe(true);
  });

  it('refuses a third check in progress from one address with 429, while other addresses go on', async () => {
    const gate = new LoginGate({ concurrency: 1, maxWaiting: 8, perAddress: 2 });
    const checks = Array.from({ length: 3 }, () => pendingCheck());
    const running = checks.slice(0, 2).map((c) => gate.run('10.0.0.9', c.check));
    expect(await refusal(gate.run('10.0.0.9', checks[2].check))).toEqual({ status: HttpStatus.TOO_MANY_REQUESTS, retryAfter: 1 });
    const other = pendingCheck();
    const elsewhere = gate.run('10.0.0.8', other.check);
    for (const c of checks) c.finish();
    other.finish();
    await Promise.all([...running, elsewhere]);
    // Finished checks free the address again.
    const again = pendingCheck();
    again.finish();
    await expect(gate.run('10.0.0.9', again.check)).resolves.toBe(true);
  });

  it('refuses with 503 when the queue is full, so a flood from many addresses cannot grow it without bound', async () => {
    const gate = new LoginGate({ concurrency: 1, maxWaiting: 2, perAddress: 2 });
    const checks = Array.from({ length: 3 }, () => pendingCheck());
    const admitted = [gate.run('10.0.1.0', checks[0].check)];
    await new Promise((r) => setImmediate(r));
    expect(checks[0].started()).toBe(true);
    admitted.push(gate.run('10.0.1.1', checks[1].check), gate.run('10.0.1.2', checks[2].check));
    // One running, two waiting: the next is refused.
    const extra = pendingCheck();
    expect(await refusal(gate.run('10.0.2.1', extra.check))).toEqual({ status: HttpStatus.SERVICE_UNAVAILABLE, retryAfter: 1 });
    for (const c of checks) c.finish();
    await Promise.all(admitted);
  });
});
