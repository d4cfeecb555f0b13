/** Told when a manual change is asked for and when it ends (confirmed, cancelled or replaced). */
export interface OperatorListener<T> {
  requested(target: T): void;
  finished(): void;
}

interface Pending<T> {
  target: T;
  settle(error?: Error): void;
}

/**
 * The pending manual change of one networked device (ninaAPI's NetworkedFilterWheel /
 * NetworkedRotator): what the person at the telescope is asked to do, until a client confirms it
 * or it is cancelled. At most one is pending; a new request ends the one before it (ninaAPI
 * cancels a rotator move that another move replaces).
 */
export class OperatorRequests<T> {
  private current: Pending<T> | null = null;
  private readonly listeners = new Set<OperatorListener<T>>();

  /** The target being waited for, or null. */
  get pending(): T | null {
    return this.current?.target ?? null;
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: OperatorListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Announces `target` and resolves once confirmed, `onConfirmed` having run first (so whoever
   * hears "finished" already sees the device's new state). Rejects with the signal's reason, the
   * cancel() reason, or `replaced` when a newer request takes its place.
   */
  ask(target: T, onConfirmed: () => void, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    this.cancel(replacedError());
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => this.end(entry, signal?.reason as Error);
      const entry: Pending<T> = {
        target,
        settle: (error) => {
          signal?.removeEventListener('abort', onAbort);
          if (error) return reject(error);
          onConfirmed();
          resolve();
        },
      };
      this.current = entry;
      signal?.addEventListener('abort', onAbort, { once: true });
      for (const listener of this.listeners) listener.requested(target);
    });
  }

  /** Completes the pending change; false when none is pending. */
  confirm(): boolean {
    if (!this.current) return false;
    this.end(this.current);
    return true;
  }

  cancel(reason: Error): void {
    if (this.current) this.end(this.current, reason);
  }

  private end(entry: Pending<T>, error?: Error): void {
    if (this.current !== entry) return;
    this.current = null;
    entry.settle(error);
    for (const listener of this.listeners) listener.finished();
  }
}

function replacedError(): Error {
  const error = new Error('Replaced by a newer request');
  error.name = 'AbortError';
  return error;
}

/** What a networked rotator asks for: ninaAPI's `{Position, TargetPosition, Rotation}` (degrees). */
export interface RotationRequest {
  Position: number;
  /** Position plus the shortest signed turn: may lie outside 0..360, as ninaAPI sends it. */
  TargetPosition: number;
  Rotation: number;
}

/** The pending requests of the networked devices; one per process, shared by the drivers and the sockets. */
export class OperatorDesks {
  readonly filterwheel = new OperatorRequests<string>();
  readonly rotator = new OperatorRequests<RotationRequest>();
}
