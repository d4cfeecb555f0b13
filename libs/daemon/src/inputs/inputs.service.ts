import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@app/core';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { isUnitId } from '../catalogue/units';
import type { InputCreateDto, InputDetailDto, InputListDto, InputUpdateDto } from '../dtos/inputs.dto';
import { toDeviceMeasurement, toInputChannel, toInputSettings } from '../dtos/mappers';
import { DeviceMeasurementEntity, InputEntity } from '../entities/input.entity';
import { notFound, unprocessable } from '../http/mycodo-http';
import { isUuid } from '../runtime/daemon-state';
import { INPUT_BACKEND_FACTORIES, type InputBackend, type InputBackendFactory, type InputChannelConfig } from './input-backend';

/** Inputs as Mycodo's API shows them, and their settings (Skygate extension). */
@Injectable()
export class InputsService {
  constructor(
    @InjectRepository(InputEntity) private readonly inputs: Repository<InputEntity>,
    @InjectRepository(DeviceMeasurementEntity) private readonly measurements: Repository<DeviceMeasurementEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(INPUT_BACKEND_FACTORIES) private readonly factories: InputBackendFactory[],
    private readonly bus: EventBus,
  ) {}

  devices(): InputBackendFactory[] {
    return this.factories;
  }

  async list(): Promise<InputListDto> {
    const inputs = await this.inputs.find({ order: { id: 'ASC' } });
    const channels = await this.measurements.find({ where: { device_type: 'input' }, order: { device_id: 'ASC', channel: 'ASC' } });
    return { 'input settings': inputs.map(toInputSettings), 'input channels': channels.map(toInputChannel) };
  }

  async detail(id: string): Promise<InputDetailDto> {
    const input = await this.get(id);
    const channels = await this.channelsOf(input.unique_id);
    return { 'input settings': toInputSettings(input), 'input channels': channels.map(toInputChannel), 'device measurements': channels.map(toDeviceMeasurement) };
  }

  async get(id: string): Promise<InputEntity> {
    const input = isUuid(id) ? await this.inputs.findOneBy({ unique_id: id }) : null;
    if (!input) throw notFound('Input', id);
    return input;
  }

  findBy(id: string): Promise<InputEntity | null> {
    return isUuid(id) ? this.inputs.findOneBy({ unique_id: id }) : Promise.resolve(null);
  }

  activated(): Promise<InputEntity[]> {
    return this.inputs.find({ where: { is_activated: true }, order: { id: 'ASC' } });
  }

  channelsOf(id: string): Promise<DeviceMeasurementEntity[]> {
    return this.measurements.find({ where: { device_id: id }, order: { channel: 'ASC' } });
  }

  async setActivated(id: string, active: boolean): Promise<void> {
    await this.inputs.update({ unique_id: id }, { is_activated: active });
  }

  /** The back-end of a stored input, with its enabled channels. */
  async backend(input: InputEntity): Promise<InputBackend> {
    const factory = this.factory(input.device);
    const channels = (await this.channelsOf(input.unique_id)).filter((c) => c.is_enabled);
    return await factory.create(input, channels.map((c) => ({ channel: c.channel, unit: c.unit, measurement: c.measurement, options: c.custom_options })));
  }

  async create(body: InputCreateDto): Promise<InputEntity> {
    const factory = this.factory(body.device);
    const channels = body.channels ?? factory.defaultChannels();
    this.checkChannels(channels);
    const input = await this.inputs.save(
      this.inputs.create({
        name: body.name,
        device: body.device,
        period: body.period ?? 15,
        start_offset: body.start_offset ?? 0,
        cmd_command: body.cmd_command ?? null,
        retention_days: body.retention_days ?? null,
        custom_options: body.custom_options ?? {},
        is_activated: false,
      }),
    );
    await this.replaceChannels(input.unique_id, channels);
    this.bus.publish('daemon.device-changed', { device_type: 'input', unique_id: input.unique_id, removed: false });
    return input;
  }

  async update(id: string, body: InputUpdateDto): Promise<InputEntity> {
    const input = await this.get(id);
    if (body.channels) this.checkChannels(body.channels);
    const { channels, ...settings } = body;
    Object.assign(input, Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)));
    await this.inputs.save(input);
    if (channels) await this.replaceChannels(id, channels);
    this.bus.publish('daemon.device-changed', { device_type: 'input', unique_id: id, removed: false });
    return input;
  }

  async delete(id: string): Promise<void> {
    await this.get(id);
    await this.dataSource.transaction(async (em) => {
      await em.delete(DeviceMeasurementEntity, { device_id: id });
      await em.delete(InputEntity, { unique_id: id });
    });
    this.bus.publish('daemon.device-changed', { device_type: 'input', unique_id: id, removed: true });
  }

  /** Every stored input with its channels (Home Assistant discovery). */
  async allWithChannels(): Promise<Array<{ input: InputEntity; channels: DeviceMeasurementEntity[] }>> {
    const inputs = await this.inputs.find({ order: { id: 'ASC' } });
    return Promise.all(inputs.map(async (input) => ({ input, channels: await this.channelsOf(input.unique_id) })));
  }

  private factory(device: string): InputBackendFactory {
    const factory = this.factories.find((f) => f.device === device);
    if (!factory) throw unprocessable(`unknown input device "${device}" (known: ${this.factories.map((f) => f.device).join(', ')})`);
    return factory;
  }

  private checkChannels(channels: Pick<InputChannelConfig, 'channel' | 'unit'>[]): void {
    if (!channels.length) throw unprocessable('an input needs at least one channel');
    if (new Set(channels.map((c) => c.channel)).size !== channels.length) throw unprocessable('channel numbers must be unique');
    const unknown = channels.find((c) => !isUnitId(c.unit));
    if (unknown) throw unprocessable(`Unit ID not found: ${unknown.unit}`);
  }

  private async replaceChannels(id: string, channels: (Omit<InputChannelConfig, 'options'> & { name?: string; options?: Record<string, unknown> })[]): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.delete(DeviceMeasurementEntity, { device_id: id });
      for (const c of channels) {
        await em.save(DeviceMeasurementEntity, {
          device_id: id,
          device_type: 'input',
          channel: c.channel,
          name: c.name ?? '',
          measurement: c.measurement,
          unit: c.unit,
          custom_options: c.options ?? {},
        });
      }
    });
  }
}
