import { Clock, ManualClock } from '@app/core';

/** Runs an autofocus; the lead wires equipment's AutofocusService here once it exists. */
export interface AutofocusPort {
  run(signal: AbortSignal): Promise<{ position: number; hfr: number }>;
}
export const SEQUENCER_AUTOFOCUS = Symbol('SEQUENCER_AUTOFOCUS');

export class UnavailableAutofocus implements AutofocusPort {
  run(): Promise<{ position: number; hfr: number }> {
    return Promise.reject(new Error('Autofocus is not available'));
  }
}

/** Daemon (Mycodo) outputs and functions; wired by the lead once libs/daemon exports a service. */
export interface DaemonPort {
  setOutput(outputId: string, state: 'on' | 'off', seconds: number | undefined, signal: AbortSignal): Promise<void>;
  runFunction(functionId: string, signal: AbortSignal): Promise<void>;
}
export const SEQUENCER_DAEMON = Symbol('SEQUENCER_DAEMON');

export class UnavailableDaemon implements DaemonPort {
  setOutput(): Promise<void> {
    return Promise.reject(new Error('Daemon is not available'));
  }
  runFunction(): Promise<void> {
    return Promise.reject(new Error('Daemon is not available'));
  }
}

/**
 * How sequence time passes. Real time by default; tests and the bench use AcceleratedTime,
 * which jumps a ManualClock over waits and exposures so a whole night runs in seconds.
 */
export interface SequencerTime {
  /** Waits `ms` of sequence time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** The camera time to request for an exposure of `seconds`. */
  cameraSeconds(seconds: number): number;
  /** After an exposure of `seconds` of sequence time. */
  exposed(seconds: number): void;
}
export const SEQUENCER_TIME = Symbol('SEQUENCER_TIME');

export class RealTime implements SequencerTime {
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason as Error);
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
  cameraSeconds(seconds: number): number {
    return seconds;
  }
  exposed(): void {}
}

export class AcceleratedTime implements SequencerTime {
  constructor(
    private readonly clock: ManualClock,
    /** Real seconds the camera exposes for any requested exposure (the simulator's stars need ~0.2 s). */
    public realExposureSeconds = 0.2,
  ) {}
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw signal.reason as Error;
    this.clock.advance(Math.max(0, ms));
    await new Promise((resolve) => setImmediate(resolve));
    if (signal.aborted) throw signal.reason as Error;
  }
  cameraSeconds(): number {
    return this.realExposureSeconds;
  }
  exposed(seconds: number): void {
    this.clock.advance(seconds * 1000);
  }
}

export function defaultTime(clock: Clock): SequencerTime {
  return clock instanceof ManualClock ? new AcceleratedTime(clock) : new RealTime();
}
