/**
 * Mycodo's PID step (utils/pid_controller_default.py), per period, no dt: error = setpoint −
 * measured; the integrator accumulates and is clamped; no derivative kick on the first step.
 * A stand-in until the daemon-devices PID module (libs/daemon/src/pid) is wired here.
 */
export interface PidGains {
  kp: number;
  ki: number;
  kd: number;
  integratorMin: number;
  integratorMax: number;
}

export class PidMath {
  integrator = 0;
  derivator: number | null = null;
  error = 0;
  p = 0;
  i = 0;
  d = 0;

  constructor(public gains: PidGains) {}

  /** The control variable for one period; `band` (±) holds the error at 0 inside the band (raise/lower). */
  update(setpoint: number, measured: number, band = 0): number {
    let target = setpoint;
    if (band) target = measured < setpoint - band ? setpoint + band : measured > setpoint + band ? setpoint - band : measured;
    this.error = target - measured;
    this.p = this.gains.kp * this.error;
    this.integrator = Math.min(this.gains.integratorMax, Math.max(this.gains.integratorMin, this.integrator + this.error));
    this.i = this.gains.ki * this.integrator;
    this.d = this.gains.kd * (this.error - (this.derivator ?? this.error));
    this.derivator = this.error;
    return this.p + this.i + this.d;
  }
}
