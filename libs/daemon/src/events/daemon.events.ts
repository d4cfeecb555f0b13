/** Events the daemon publishes on the core bus (and streams on /api/events). */
export type OutputStateValue = 'on' | 'off' | number;

export interface DaemonOutputChangedEvent {
  output_id: string;
  channel: number;
  state: OutputStateValue;
  /** Seconds of a timed on, null for an indefinite on or an off. */
  duration: number | null;
  /** Who asked: api, pid, function, timer (a timed on ended), startup, shutdown. */
  source: string;
}

export interface DaemonMeasurementEvent {
  device_id: string;
  unit: string;
  channel: number;
  measure: string;
  time: string;
  value: number;
}

export interface DaemonPidStateEvent {
  pid_id: string;
  setpoint: number;
  measured: number | null;
  error: number | null;
  control: number | null;
  p: number;
  i: number;
  d: number;
  integrator: number;
  held: boolean;
  paused: boolean;
}

/** An input or output was created, changed or deleted (Home Assistant discovery follows it). */
export interface DaemonDeviceChangedEvent {
  device_type: 'input' | 'output';
  unique_id: string;
  removed: boolean;
}

export interface DaemonFunctionFiredEvent {
  function_id: string;
  name: string;
  /** Why: the conditions that held, in words. */
  reason: string;
  /** What each action did (or why it failed). */
  results: string[];
}

export interface DaemonControllerChangedEvent {
  unique_id: string;
  type: 'input' | 'pid' | 'function';
  active: boolean;
  reason?: string;
}

declare module '@app/core/events/event-bus' {
  interface SkygateEvents {
    'daemon.output-changed': DaemonOutputChangedEvent;
    'daemon.measurement': DaemonMeasurementEvent;
    'daemon.pid-state': DaemonPidStateEvent;
    'daemon.function-fired': DaemonFunctionFiredEvent;
    'daemon.device-changed': DaemonDeviceChangedEvent;
    'daemon.controller-changed': DaemonControllerChangedEvent;
  }
}
