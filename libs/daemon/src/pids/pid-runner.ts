import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@app/core';
import type { PidEntity } from '../entities/pid.entity';
import { MeasurementsService } from '../measurements/measurements.service';
import { OutputControlService } from '../outputs/output-control.service';
import { PidMath } from './pid-math';

/** What a PID needs from storage each period (settings are re-read, so changes apply at the next period). */
export interface PidStore {
  reload(id: string): Promise<PidEntity | null>;
  /** "<device_id>,<device measurement unique_id>" → the series to read. */
  series(measurement: string): Promise<{ device_id: string; unit: string; channel: number } | null>;
  /** "<output_id>,<channel number or channel unique_id>" → the output channel. */
  outputChannel(ref: string | null): Promise<{ output_id: string; channel: number } | null>;
}

/** One running PID controller (Mycodo's controller_pid.py, with the differences in the README). */
export class RunningPid {
  readonly math: PidMath;
  control: number | null = null;
  private readonly logger = new Logger('DaemonPid');

  constructor(
    private pid: PidEntity,
    private readonly store: PidStore,
    private readonly measurements: MeasurementsService,
    private readonly outputs: OutputControlService,
    private readonly bus: EventBus,
  ) {
    this.math = new PidMath(this.gainsOf(pid));
  }

  get settings(): PidEntity {
    return this.pid;
  }

  async step(): Promise<void> {
    this.pid = (await this.store.reload(this.pid.unique_id)) ?? this.pid;
    const pid = this.pid;
    this.math.gains = this.gainsOf(pid);
    const series = await this.store.series(pid.measurement);
    const last = series ? await this.measurements.last(series, pid.max_measure_age) : null;
    if (!series || !last) {
      // Mycodo turns both outputs off when no fresh measurement exists.
      await this.stopOutputs();
      this.control = null;
      this.publish(null);
      return;
    }
    // Held: keep the control variable (Mycodo's intent); paused: neither integrate nor drive.
    if (!pid.is_held && !pid.is_paused) this.control = this.math.update(pid.setpoint, last.value, pid.band);
    this.publish(last.value);
    if (pid.is_paused || this.control === null) return;
    await this.drive(this.control);
    const now = new Date(last.time * 1000);
    await this.measurements.record([
      { device_id: pid.unique_id, unit: series.unit, channel: 0, measure: 'setpoint', time: now, value: pid.setpoint },
      { device_id: pid.unique_id, unit: 'none', channel: 3, measure: 'pid_p_value', time: now, value: this.math.p },
      { device_id: pid.unique_id, unit: 'none', channel: 4, measure: 'pid_i_value', time: now, value: this.math.i },
      { device_id: pid.unique_id, unit: 'none', channel: 5, measure: 'pid_d_value', time: now, value: this.math.d },
    ]);
  }

  async stopOutputs(): Promise<void> {
    for (const ref of [this.pid.raise_output_id, this.pid.lower_output_id]) {
      const target = await this.store.outputChannel(ref);
      if (target && this.outputs.isOn(target.output_id, target.channel)) await this.outputs.off(target.output_id, target.channel, 'pid').catch(() => undefined);
    }
  }

  private async drive(cv: number): Promise<void> {
    const pid = this.pid;
    const raise = pid.direction !== 'lower' && cv > 0;
    const lower = pid.direction !== 'raise' && cv < 0;
    if (!raise && !lower) return;
    const side = raise ? 'raise' : 'lower';
    const target = await this.store.outputChannel(raise ? pid.raise_output_id : pid.lower_output_id);
    if (!target) return;
    const min = pid[`${side}_min_duration`];
    const max = pid[`${side}_max_duration`];
    const amount = Math.abs(cv);
    try {
      const caps = await this.outputs.capabilities(target.output_id);
      if (caps.pwm) {
        const duty = Math.min(100, Math.max(min, Math.min(max > 0 ? max : 100, (amount / pid.period) * 100)));
        await this.outputs.duty(target.output_id, target.channel, Math.round(duty * 10) / 10, 'pid');
        return;
      }
      const seconds = max > 0 ? Math.min(amount, max) : amount;
      if (seconds <= 0 || seconds < min) return;
      const signed = lower && pid.store_lower_as_negative ? -seconds : seconds;
      await this.outputs.on(target.output_id, target.channel, { duration: signed, minOff: pid[`${side}_min_off_duration`], source: 'pid' });
    } catch (err) {
      this.logger.warn(`PID ${pid.name}: ${side} output not driven: ${(err as Error).message}`);
    }
  }

  private publish(measured: number | null): void {
    const pid = this.pid;
    this.bus.publish('daemon.pid-state', {
      pid_id: pid.unique_id,
      setpoint: pid.setpoint,
      measured,
      error: measured === null ? null : this.math.error,
      control: this.control,
      p: this.math.p,
      i: this.math.i,
      d: this.math.d,
      integrator: this.math.integrator,
      held: pid.is_held,
      paused: pid.is_paused,
    });
  }

  private gainsOf(pid: PidEntity) {
    return { kp: pid.p, ki: pid.i, kd: pid.d, integratorMin: pid.integrator_min, integratorMax: pid.integrator_max };
  }
}

/** Running PIDs by unique_id, shared by the runtime (which starts them) and the PID routes (which read and set them). */
@Injectable()
export class RunningPids extends Map<string, RunningPid> {}
