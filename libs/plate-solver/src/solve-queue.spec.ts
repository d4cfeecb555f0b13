import { SolveQueue } from './solve-queue';

/** A task that records when it runs and finishes when told. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SolveQueue', () => {
  it('runs one task at a time per key, in order', async () => {
    const queue = new SolveQueue(4);
    const log: string[] = [];
    const first = gate();
    const a = queue.run('cam', undefined, async () => {
      log.push('a start');
      await first.opened;
      log.push('a end');
      return 'a';
    });
    const b = queue.run('cam', undefined, () => {
      log.push('b start');
      return Promise.resolve('b');
    });
    await tick();
    expect(log).toEqual(['a start']);
    first.open();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start']);
  });

  it('runs different keys side by side, never more than maxConcurrent', async () => {
    const queue = new SolveQueue(2);
    const gates = [gate(), gate(), gate()];
    let running = 0;
    let peak = 0;
    const runs = gates.map((g, i) =>
      queue.run(`cam-${i}`, undefined, async () => {
        peak = Math.max(peak, ++running);
        await g.opened;
        running--;
      }),
    );
    await tick();
    expect([queue.active, queue.queued]).toEqual([2, 1]);
    gates.forEach((g) => g.open());
    await Promise.all(runs);
    expect(peak).toBe(2);
    expect([queue.active, queue.queued]).toEqual([0, 0]);
  });

  it('lets an aborted waiter leave at once, and the next one still waits for the running task', async () => {
    const queue = new SolveQueue(1);
    const first = gate();
    const log: string[] = [];
    const a = queue.run('cam', undefined, async () => {
      await first.opened;
      log.push('a');
    });
    const controller = new AbortController();
    const b = queue.run('cam', controller.signal, () => Promise.resolve(log.push('b')));
    const c = queue.run('cam', undefined, () => Promise.resolve(log.push('c')));
    controller.abort();
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    await tick();
    expect(log).toEqual([]);
    first.open();
    await Promise.all([a, c]);
    expect(log).toEqual(['a', 'c']);
  });

  it('lets an abort free a place in the slot queue', async () => {
    const queue = new SolveQueue(1);
    const first = gate();
    const a = queue.run('one', undefined, () => first.opened);
    const controller = new AbortController();
    const b = queue.run('two', controller.signal, () => Promise.resolve());
    await tick();
    expect(queue.queued).toBe(1);
    controller.abort();
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    expect(queue.queued).toBe(0);
    first.open();
    await a;
  });

  it('keeps going after a task fails', async () => {
    const queue = new SolveQueue(1);
    await expect(queue.run('cam', undefined, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('cam', undefined, () => Promise.resolve(7))).resolves.toBe(7);
    expect(() => new SolveQueue(0)).toThrow(RangeError);
  });
});
