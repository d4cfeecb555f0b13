/** Time source injected everywhere a feature needs "now", so tests can set it. */
export abstract class Clock {
  abstract now(): Date;
  nowMs(): number {
    return this.now().getTime();
  }
}

export class SystemClock extends Clock {
  override now(): Date {
    return new Date();
  }
}

/** A clock that moves only when told to: the test fixture for time-dependent logic. */
export class ManualClock extends Clock {
  private current: number;
  constructor(start: Date | string | number = '2026-01-01T00:00:00Z') {
    super();
    this.current = new Date(start).getTime();
  }
  override now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string | number): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
