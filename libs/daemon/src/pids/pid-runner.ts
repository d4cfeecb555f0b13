import { Injectable, Logger } from '@nestjs/common';
import { Clock, EventBus } from '@app/core';
import type { PidEntity } from '../entities/pid.entity';
import { MeasurementsService } from '../measurements/measurements.service';
import { OutputControlService } from '../outputs/output-control.service';
import { PidController } from '../pid/pid-controller';
import { MYCODO_PID_DEFAULTS, type PidDirection, type PidOutputCommand, type PidOutputKind, type PidSettings, type PidStep, type SetpointSupplier } from '../pid/pid-types';

type Series = { device_id: string; unit: string; channel: number };
type OutputTarget = { output_id: string; channel: number };

/** What a PID needs from storage each period (settings are re-read, so changes apply at the next period). */
export interface PidStore {
  reload(id: string): Promise<PidEntity | null>;
  /** "<device_id>,<device measurement unique_id>" → the series to read. */
  series(measurement: string): Promise<Series | null>;
  /** "<output_id>,<channel number or channel unique_id>" → the output channel. */
  outputChannel(ref: string | null): Promise<OutputTarget | null>;
}

/** The PidController's settings from Mycodo's PID columns; `outputKind` follows what the output can do (PWM or timed on). */
export function pidSettingsOf(pid: PidEntity, outputKind: PidOutputKind): PidSettings {
  const side = (prefix: 'raise' | 'lower') => ({
    minAmount: pid[`${prefix}_min_duration`],
    maxAmount: pid[`${prefix}_max_duration`],
    minOffSeconds: pid[`${prefix}_min_off_duration`],
    alwaysMinPwm: false,
  });
  return {
    ...MYCODO_PID_DEFAULTS,
    setpoint: pid.setpoint,
    kp: pid.p,
    ki: pid.i,
    kd: pid.d,
    periodSeconds: pid.period,
    direction: (['raise', 'lower', 'both'].includes(pid.direction) ? pid.direction : 'raise') as PidDirection,
    band: pid.band,
    integratorMin: pid.integrator_min,
    integratorMax: pid.integrator_max,
    outputKind,
    raise: side('raise'),
    lower: side('lower'),
  };
}

/**
 * One running PID controller: each period it reads the measurement (and the tracked setpoint),
 * runs the pure PidController (libs/daemon/src/pid) on the Clock's time and applies its raise and
 * lower commands through the output service, which keeps Mycodo's min-off and duration records.
 */
export class RunningPid {
  readonly controller: PidController;
  lastStep: PidStep | null = null;
  private readonly logger = new Logger('DaemonPid');

  constructor(
    private pid: PidEntity,
    private readonly store: PidStore,
    private readonly measurements: MeasurementsService,
    private readonly outputs: OutputControlService,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {
    this.controller = new PidController(pidSettingsOf(pid, 'duration'));
  }

  get settings(): PidEntity {
    return this.pid;
  }

  async step(): Promise<void> {
    this.pid = (await this.store.reload(this.pid.unique_id)) ?? this.pid;
    const pid = this.pid;
    const [raise, lower] = await Promise.all([this.store.outputChannel(pid.raise_output_id), this.store.outputChannel(pid.lower_output_id)]);
    const setpointSupplier = await this.trackedSetpoint();
    this.controller.configure({ ...pidSettingsOf(pid, await this.outputKind(pid.direction === 'lower' ? lower : (raise ?? lower))), setpointSupplier });
    this.followMode();
    const series = await this.store.series(pid.measurement);
    const measured = series ? await this.measurements.last(series, pid.max_measure_age) : null;
    const nowMs = this.clock.nowMs();
    const step = this.controller.update(measured?.value ?? null, nowMs);
    this.lastStep = step;
    await this.apply('raise', step.raise, raise);
    await this.apply('lower', step.lower, lower);
    this.publish(step);
    if (series && (step.reason === 'computed' || step.reason === 'inside-band')) await this.record(step, series.unit, new Date(nowMs));
  }

  /** Turns both outputs off (the PID stops, or the daemon does). */
  async stopOutputs(): Promise<void> {
    for (const ref of [this.pid.raise_output_id, this.pid.lower_output_id]) {
      const target = await this.store.outputChannel(ref);
      if (target && this.outputs.isOn(target.output_id, target.channel)) await this.outputs.off(target.output_id, target.channel, 'pid').catch(() => undefined);
    }
  }

  /** The stored is_held / is_paused flags (set by the routes) drive the controller's mode. */
  private followMode(): void {
    const { is_held, is_paused } = this.pid;
    if (is_paused) this.controller.pause();
    else if (is_held) {
      if (this.controller.mode === 'paused') this.controller.resume();
      this.controller.hold();
    } else if (this.controller.mode !== 'running') this.controller.resume();
  }

  /**
   * Setpoint tracking (Mycodo's setpoint_tracking): the last value of another measurement plus an
   * offset, e.g. the air temperature + 3 °C for a dew heater; no fresh value → the controller's
   * `no-setpoint` step turns the outputs off.
   */
  private async trackedSetpoint(): Promise<SetpointSupplier | undefined> {
    const pid = this.pid;
    if (pid.setpoint_tracking_type !== 'measurement') return undefined;
    const series = await this.store.series(pid.setpoint_tracking_id);
    const last = series ? await this.measurements.last(series, pid.setpoint_tracking_max_age) : null;
    const value = last ? last.value + pid.setpoint_tracking_offset : null;
    return () => value;
  }

  private async outputKind(target: OutputTarget | null): Promise<PidOutputKind> {
    if (!target) return 'duration';
    const caps = await this.outputs.capabilities(target.output_id).catch(() => null);
    return caps?.pwm ? 'pwm' : 'duration';
  }

  /** One side's command: `null` leaves the output alone. */
  private async apply(side: 'raise' | 'lower', command: PidOutputCommand | null, target: OutputTarget | null): Promise<void> {
    if (!command || !target) return;
    const { output_id, channel } = target;
    try {
      if (command.type === 'off') {
        if (this.outputs.isOn(output_id, channel)) await this.outputs.off(output_id, channel, 'pid');
      } else if (command.type === 'duty') {
        await this.outputs.duty(output_id, channel, Math.round(command.percent * 10) / 10, 'pid');
      } else {
        const seconds = side === 'lower' && this.pid.store_lower_as_negative ? -command.seconds : command.seconds;
        await this.outputs.on(output_id, channel, { duration: seconds, minOff: command.minOffSeconds, source: 'pid' });
      }
    } catch (err) {
      this.logger.warn(`PID ${this.pid.name}: ${side} output not driven: ${(err as Error).message}`);
    }
  }

  /** Mycodo's PID channels: 0 setpoint, 1/2 band low/high (with a band), 3 P, 4 I, 5 D. */
  private async record(step: PidStep, unit: string, time: Date): Promise<void> {
    const id = this.pid.unique_id;
    const points = [
      { device_id: id, unit, channel: 0, measure: 'setpoint', time, value: step.setpoint ?? this.pid.setpoint },
      { device_id: id, unit: 'none', channel: 3, measure: 'pid_p_value', time, value: step.p },
      { device_id: id, unit: 'none', channel: 4, measure: 'pid_i_value', time, value: step.i },
      { device_id: id, unit: 'none', channel: 5, measure: 'pid_d_value', time, value: step.d },
    ];
    if (step.bandLow !== null && step.bandHigh !== null) {
      points.push({ device_id: id, unit, channel: 1, measure: 'setpoint_band_min', time, value: step.bandLow }, { device_id: id, unit, channel: 2, measure: 'setpoint_band_max', time, value: step.bandHigh });
    }
    await this.measurements.record(points);
  }

  private publish(step: PidStep): void {
    const pid = this.pid;
    this.bus.publish('daemon.pid-state', {
      pid_id: pid.unique_id,
      setpoint: step.setpoint ?? pid.setpoint,
      measured: step.measurement,
      error: step.measurement === null ? null : step.error,
      control: step.measurement === null ? null : step.controlVariable,
      p: step.p,
      i: step.i,
      d: step.d,
      integrator: this.controller.integratorValue,
      held: step.mode === 'held',
      paused: step.mode === 'paused',
    });
  }
}

/** Running PIDs by unique_id, shared by the runtime (which starts them) and the PID routes (which read and set them). */
@Injectable()
export class RunningPids extends Map<string, RunningPid> {}
