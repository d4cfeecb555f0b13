import { availableParallelism } from 'node:os';
import { PlateSolveAbortedError } from './plate-solver.port';

/**
 * Runs solves one at a time per key (a camera never has two solves running) and never more than
 * `maxConcurrent` at once overall (each solve is a CPU-bound process: by default one per core).
 * A caller that aborts while waiting leaves the queue at once.
 */
export class SolveQueue {
  private running = 0;
  private readonly waiting: { start: () => void }[] = [];
  private readonly tails = new Map<string, Promise<void>>();

  constructor(readonly maxConcurrent = availableParallelism()) {
    if (!(maxConcurrent >= 1)) throw new RangeError('maxConcurrent must be at least 1');
  }

  /** Solves running now. */
  get active(): number {
    return this.running;
  }

  /** Solves waiting for a slot (not counting those waiting behind their own key). */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(key: string, signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let releaseKey!: () => void;
    const mine = new Promise<void>((resolve) => (releaseKey = resolve));
    // The next solve of this key waits for this one, and (if this one is abandoned) for the one before.
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    try {
      await abortable(previous, signal);
      await this.takeSlot(signal);
      try {
        return await task();
      } finally {
        this.releaseSlot();
      }
    } finally {
      releaseKey();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  private takeSlot(signal: AbortSignal | undefined): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.running++;
          resolve();
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new PlateSolveAbortedError());
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private releaseSlot(): void {
    this.running--;
    this.waiting.shift()?.start();
  }
}

/** Waits for a promise unless the signal aborts first. */
function abortable(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new PlateSolveAbortedError());
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new PlateSolveAbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
