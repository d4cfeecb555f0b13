import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import type { PidCreateDto, PidDetailDto, PidListDto, PidSetDto, PidStateDto, PidUpdateDto } from '../dtos/pids.dto';
import { toDeviceMeasurement, toPidSettings } from '../dtos/mappers';
import { DeviceMeasurementEntity } from '../entities/input.entity';
import { OutputChannelEntity } from '../entities/output.entity';
import { PidEntity } from '../entities/pid.entity';
import { notFound } from '../http/mycodo-http';
import { isUuid } from '../runtime/daemon-state';
import { RunningPids, type PidStore } from './pid-runner';

const PID_CHANNELS: [number, string, string][] = [
  [0, 'setpoint', 'none'],
  [1, 'setpoint_band_min', 'none'],
  [2, 'setpoint_band_max', 'none'],
  [3, 'pid_p_value', 'none'],
  [4, 'pid_i_value', 'none'],
  [5, 'pid_d_value', 'none'],
];

/** PIDs as Mycodo's API shows them; settings, pid_get/pid_set, hold/pause/resume (Skygate extensions). */
@Injectable()
export class PidsService implements PidStore {
  constructor(
    @InjectRepository(PidEntity) private readonly pids: Repository<PidEntity>,
    @InjectRepository(DeviceMeasurementEntity) private readonly measurements: Repository<DeviceMeasurementEntity>,
    @InjectRepository(OutputChannelEntity) private readonly outputChannels: Repository<OutputChannelEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly running: RunningPids,
  ) {}

  async list(): Promise<PidListDto> {
    return { 'pid settings': (await this.pids.find({ order: { id: 'ASC' } })).map(toPidSettings) };
  }

  async detail(id: string): Promise<PidDetailDto> {
    const pid = await this.get(id);
    return { 'pid settings': toPidSettings(pid), 'device measurements': (await this.measurements.find({ where: { device_id: id }, order: { channel: 'ASC' } })).map(toDeviceMeasurement) };
  }

  async get(id: string): Promise<PidEntity> {
    const pid = await this.reload(id);
    if (!pid) throw notFound('PID', id);
    return pid;
  }

  reload(id: string): Promise<PidEntity | null> {
    return isUuid(id) ? this.pids.findOneBy({ unique_id: id }) : Promise.resolve(null);
  }

  activated(): Promise<PidEntity[]> {
    return this.pids.find({ where: { is_activated: true }, order: { id: 'ASC' } });
  }

  async setActivated(id: string, active: boolean): Promise<void> {
    await this.pids.update({ unique_id: id }, active ? { is_activated: true } : { is_activated: false, is_held: false, is_paused: false });
  }

  async series(measurement: string): Promise<{ device_id: string; unit: string; channel: number } | null> {
    const [deviceId, measurementId] = measurement.split(',');
    if (!deviceId || !measurementId || !isUuid(measurementId)) return null;
    const dm = await this.measurements.findOneBy({ unique_id: measurementId, device_id: deviceId });
    return dm ? { device_id: dm.device_id, unit: dm.unit, channel: dm.channel } : null;
  }

  async outputChannel(ref: string | null): Promise<{ output_id: string; channel: number } | null> {
    const [outputId, channel] = (ref ?? '').split(',');
    if (!outputId || channel === undefined) return null;
    if (/^\d+$/.test(channel)) return { output_id: outputId, channel: Number(channel) };
    const found = isUuid(channel) ? await this.outputChannels.findOneBy({ unique_id: channel, output_id: outputId }) : null;
    return found ? { output_id: outputId, channel: found.channel } : null;
  }

  async create(body: PidCreateDto): Promise<PidEntity> {
    const pid = await this.pids.save(this.pids.create({ ...body, is_activated: false }));
    await this.dataSource.transaction(async (em) => {
      for (const [channel, measurement, unit] of PID_CHANNELS) await em.insert(DeviceMeasurementEntity, { device_id: pid.unique_id, device_type: 'pid', channel, measurement, unit });
    });
    return pid;
  }

  async update(id: string, body: PidUpdateDto): Promise<PidEntity> {
    const pid = await this.get(id);
    Object.assign(pid, Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)));
    return this.pids.save(pid);
  }

  async delete(id: string): Promise<void> {
    await this.get(id);
    await this.dataSource.transaction(async (em) => {
      await em.delete(DeviceMeasurementEntity, { device_id: id });
      await em.delete(PidEntity, { unique_id: id });
    });
  }

  /** Mycodo's pid_get: the running controller's values (null while it does not run). */
  async state(id: string): Promise<PidStateDto> {
    const pid = await this.get(id);
    const running = this.running.get(id);
    const step = running?.lastStep;
    return {
      setpoint: step?.setpoint ?? pid.setpoint,
      setpoint_band: running && pid.band ? pid.band : null,
      error: step && step.measurement !== null ? step.error : null,
      integrator: running ? running.controller.integratorValue : null,
      derivator: running ? running.controller.lastMeasurementValue : null,
      kp: pid.p,
      ki: pid.i,
      kd: pid.d,
      is_activated: pid.is_activated,
      is_held: pid.is_held,
      is_paused: pid.is_paused,
      last_output: step && step.measurement !== null ? step.controlVariable : null,
      last_step_at: step ? new Date(step.atMs).toISOString() : null,
    };
  }

  /** Mycodo's pid_set: setpoint and gains persist; integrator and derivator (the last measurement, see PidStateDto) only change the running PID. */
  async set(id: string, body: PidSetDto): Promise<PidStateDto> {
    const pid = await this.get(id);
    Object.assign(pid, Object.fromEntries(Object.entries({ setpoint: body.setpoint, p: body.kp, i: body.ki, d: body.kd }).filter(([, v]) => v !== undefined)));
    await this.pids.save(pid);
    const running = this.running.get(id);
    running?.controller.restore({ integrator: body.integrator, lastMeasurement: body.derivator });
    return this.state(id);
  }

  /** hold: keep the control variable; pause: stop integrating and driving; resume: clear both. */
  async mode(id: string, mode: 'hold' | 'pause' | 'resume'): Promise<PidStateDto> {
    await this.get(id);
    await this.pids.update({ unique_id: id }, { is_held: mode === 'hold', is_paused: mode === 'pause' });
    return this.state(id);
  }
}
