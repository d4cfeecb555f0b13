import type { FunctionEntity } from '../entities/function.entity';
import type { DeviceMeasurementEntity, InputEntity } from '../entities/input.entity';
import type { OutputChannelEntity, OutputEntity } from '../entities/output.entity';
import type { PidEntity } from '../entities/pid.entity';
import type { DeviceMeasurementDto, FunctionChannelDto, FunctionDeviceDto, InputSettingsDto, OutputChannelDto, OutputDeviceDto, PidSettingsDto } from './settings.dto';

const json = (value: unknown) => JSON.stringify(value ?? {});

export const toOutputDevice = (o: OutputEntity): OutputDeviceDto => ({
  id: o.id,
  unique_id: o.unique_id,
  name: o.name,
  output_type: o.output_type,
  interface: o.interface,
  location: o.location,
  log_level_debug: o.log_level_debug,
  custom_options: json(o.custom_options),
});

export const toOutputChannel = (c: OutputChannelEntity): OutputChannelDto => ({
  id: c.id,
  unique_id: c.unique_id,
  output_id: c.output_id,
  channel: c.channel,
  name: c.name,
  custom_options: json(c.custom_options),
});

export const toInputSettings = (i: InputEntity): InputSettingsDto => ({
  id: i.id,
  unique_id: i.unique_id,
  name: i.name,
  device: i.device,
  interface: i.interface,
  is_activated: i.is_activated,
  period: i.period,
  start_offset: i.start_offset,
  cmd_command: i.cmd_command,
  retention_days: i.retention_days,
  log_level_debug: i.log_level_debug,
  custom_options: json(i.custom_options),
});

export const toDeviceMeasurement = (m: DeviceMeasurementEntity): DeviceMeasurementDto => ({
  id: m.id,
  unique_id: m.unique_id,
  device_id: m.device_id,
  device_type: m.device_type,
  channel: m.channel,
  name: m.name,
  measurement: m.measurement,
  unit: m.unit,
  is_enabled: m.is_enabled,
});

/** An input's channel in Mycodo's "input channels" shape. */
export const toInputChannel = (m: DeviceMeasurementEntity): FunctionChannelDto => ({
  id: m.id,
  unique_id: m.unique_id,
  input_id: m.device_id,
  channel: m.channel,
  name: m.name,
  custom_options: json(m.custom_options),
});

export const toPidSettings = (p: PidEntity): PidSettingsDto => {
  const { created_at: _created, ...rest } = p;
  return rest;
};

export const toFunctionDevice = (f: FunctionEntity): FunctionDeviceDto => ({
  id: f.id,
  unique_id: f.unique_id,
  name: f.name,
  device: f.device,
  is_activated: f.is_activated,
  log_level_debug: f.log_level_debug,
  custom_options: json({ ...f.custom_options, period: f.period, conditions: f.conditions, actions: f.actions }),
});
