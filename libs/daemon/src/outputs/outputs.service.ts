import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@app/core';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, type Repository } from 'typeorm';
import type { OutputCreateDto, OutputDetailDto, OutputListDto, OutputModulationDto, OutputUpdateDto } from '../dtos/outputs.dto';
import { toOutputChannel, toOutputDevice } from '../dtos/mappers';
import { DeviceMeasurementEntity } from '../entities/input.entity';
import { OutputChannelEntity, OutputEntity } from '../entities/output.entity';
import { notFound, unprocessable } from '../http/mycodo-http';
import { DaemonState, isUuid } from '../runtime/daemon-state';
import { OutputControlService } from './output-control.service';

/** Outputs as Mycodo's API shows them, their settings (Skygate extension) and `POST /api/outputs/{id}`. */
@Injectable()
export class OutputsService {
  private readonly logger = new Logger('DaemonOutputs');

  constructor(
    @InjectRepository(OutputEntity) private readonly outputs: Repository<OutputEntity>,
    @InjectRepository(OutputChannelEntity) private readonly channels: Repository<OutputChannelEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly control: OutputControlService,
    private readonly daemon: DaemonState,
    private readonly bus: EventBus,
  ) {}

  async list(): Promise<OutputListDto> {
    const outputs = await this.outputs.find({ order: { id: 'ASC' } });
    const channels = await this.channels.find({ order: { output_id: 'ASC', channel: 'ASC' } });
    const states: Record<string, Record<string, string>> = {};
    for (const o of outputs) states[o.unique_id] = await this.channelStates(o.unique_id, channels.filter((c) => c.output_id === o.unique_id));
    return { 'output devices': outputs.map(toOutputDevice), 'output channels': channels.map(toOutputChannel), 'output states': states };
  }

  async detail(id: string): Promise<OutputDetailDto> {
    const output = await this.get(id);
    const channels = await this.channelsOf(id);
    return { 'output device': toOutputDevice(output), 'output device channels': channels.map(toOutputChannel), 'output device channel states': await this.channelStates(id, channels) };
  }

  async get(id: string): Promise<OutputEntity> {
    const output = isUuid(id) ? await this.outputs.findOneBy({ unique_id: id }) : null;
    if (!output) throw notFound('Output', id);
    return output;
  }

  channelsOf(id: string): Promise<OutputChannelEntity[]> {
    return this.channels.find({ where: { output_id: id }, order: { channel: 'ASC' } });
  }

  /**
   * Mycodo's dispatch order (api/output.py): state+duration → timed on/off; duty_cycle → PWM;
   * volume → dispense; state → on/off; then Skygate's value; nothing → 422 (Mycodo: 460).
   */
  async modulate(id: string, body: OutputModulationDto, source = 'api'): Promise<{ message: string }> {
    await this.get(id);
    this.daemon.assertRunning();
    const { channel } = body;
    let message: string;
    if (body.state !== undefined && body.duration !== undefined) {
      message = body.state ? await this.control.on(id, channel, { duration: body.duration, minOff: body.min_off, source }) : await this.control.off(id, channel, source);
    } else if (body.duty_cycle !== undefined) message = await this.control.duty(id, channel, body.duty_cycle, source);
    else if (body.volume !== undefined) message = await this.control.volume(id, channel, body.volume, source);
    else if (body.state !== undefined) message = body.state ? await this.control.on(id, channel, { source }) : await this.control.off(id, channel, source);
    else if (body.value !== undefined) message = await this.control.value(id, channel, body.value, source);
    else throw unprocessable('Insufficient payload');
    return { message: `Success: ${message}` };
  }

  async create(body: OutputCreateDto): Promise<OutputDetailDto> {
    if (!this.control.hasType(body.output_type)) throw unprocessable(`unknown output_type "${body.output_type}"`);
    this.checkChannels(body.channels);
    const output = await this.outputs.save(
      this.outputs.create({ name: body.name, output_type: body.output_type, interface: body.interface ?? '', location: body.location ?? '', custom_options: body.custom_options ?? {} }),
    );
    await this.replaceChannels(output, body.channels);
    await this.loadOrUndo(output, async () => this.delete(output.unique_id));
    this.bus.publish('daemon.device-changed', { device_type: 'output', unique_id: output.unique_id, removed: false });
    return this.detail(output.unique_id);
  }

  async update(id: string, body: OutputUpdateDto): Promise<OutputDetailDto> {
    const output = await this.get(id);
    if (body.channels) this.checkChannels(body.channels);
    await this.control.unload(id);
    Object.assign(output, { name: body.name ?? output.name, interface: body.interface ?? output.interface, location: body.location ?? output.location, custom_options: body.custom_options ?? output.custom_options });
    await this.outputs.save(output);
    if (body.channels) await this.replaceChannels(output, body.channels);
    await this.loadOrUndo(output, async () => undefined);
    this.bus.publish('daemon.device-changed', { device_type: 'output', unique_id: id, removed: false });
    return this.detail(id);
  }

  async delete(id: string): Promise<void> {
    await this.get(id);
    await this.control.unload(id);
    await this.dataSource.transaction(async (em) => {
      await em.delete(DeviceMeasurementEntity, { device_id: id });
      await em.delete(OutputEntity, { unique_id: id });
    });
    this.bus.publish('daemon.device-changed', { device_type: 'output', unique_id: id, removed: true });
  }

  /** Every stored output with its channels (Home Assistant discovery). */
  async allWithChannels(): Promise<Array<{ output: OutputEntity; channels: OutputChannelEntity[] }>> {
    const outputs = await this.outputs.find({ order: { id: 'ASC' } });
    return Promise.all(outputs.map(async (output) => ({ output, channels: await this.channelsOf(output.unique_id) })));
  }

  /** Loads every stored output into the controller (daemon start); a broken one is logged, not fatal. */
  async loadAll(): Promise<string[]> {
    const loaded: string[] = [];
    for (const output of await this.outputs.find({ order: { id: 'ASC' } })) {
      try {
        await this.control.load(output, await this.channelsOf(output.unique_id));
        loaded.push(output.unique_id);
      } catch (err) {
        this.logger.error(`output "${output.name}" could not be set up: ${(err as Error).message}`);
      }
    }
    return loaded;
  }

  /** Sets the back-end up (a pin conflict fails here) and, as Mycodo's output setup does, applies the startup states. */
  private async loadOrUndo(output: OutputEntity, undo: () => Promise<void>): Promise<void> {
    try {
      await this.control.load(output, await this.channelsOf(output.unique_id));
      if (this.daemon.running) await this.control.applyConfiguredState(output.unique_id, 'startup');
    } catch (err) {
      await this.control.unload(output.unique_id);
      await undo();
      throw err;
    }
  }

  private checkChannels(channels: { channel: number }[]): void {
    if (!channels.length) throw unprocessable('an output needs at least one channel');
    if (new Set(channels.map((c) => c.channel)).size !== channels.length) throw unprocessable('channel numbers must be unique');
  }

  private async replaceChannels(output: OutputEntity, channels: OutputCreateDto['channels']): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.delete(OutputChannelEntity, { output_id: output.unique_id });
      await em.delete(DeviceMeasurementEntity, { device_id: output.unique_id, device_type: In(['output']) });
      for (const c of channels) {
        await em.save(OutputChannelEntity, { output_id: output.unique_id, channel: c.channel, name: c.name ?? `Channel ${c.channel}`, custom_options: c.options ?? {} });
        const pwm = output.output_type === 'pwm';
        await em.insert(DeviceMeasurementEntity, {
          device_id: output.unique_id,
          device_type: 'output',
          channel: c.channel,
          name: c.name ?? '',
          measurement: pwm ? 'duty_cycle' : 'duration_time',
          unit: pwm ? 'percent' : 's',
        });
      }
    });
  }

  private async channelStates(id: string, channels: OutputChannelEntity[]): Promise<Record<string, string>> {
    const states: Record<string, string> = {};
    for (const c of channels) states[String(c.channel)] = String(await this.control.stateOf(id, c.channel));
    return states;
  }
}
