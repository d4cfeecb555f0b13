import { ApiProperty } from '@nestjs/swagger';

/** Mycodo's settings rows (api/sql_schema_fields.py); options live as a JSON string in custom_options. */
export class OutputDeviceDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'uuid' }) unique_id: string;
  @ApiProperty({ example: 'Dew heater' }) name: string;
  @ApiProperty({ example: 'gpio', description: 'gpio, pwm, command, equipment_switch or mqtt' }) output_type: string;
  @ApiProperty() interface: string;
  @ApiProperty() location: string;
  @ApiProperty() log_level_debug: boolean;
  @ApiProperty({ description: 'JSON text of the device options' }) custom_options: string;
}

export class OutputChannelDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'uuid' }) unique_id: string;
  @ApiProperty({ format: 'uuid' }) output_id: string;
  @ApiProperty({ example: 0 }) channel: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'JSON text of the channel options (pin, on_state, state_startup, state_shutdown, commands...)' }) custom_options: string;
}

export class InputSettingsDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'uuid' }) unique_id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'simulated', description: 'simulated, command, equipment_weather, equipment_safety, or a device back-end' }) device: string;
  @ApiProperty() interface: string;
  @ApiProperty() is_activated: boolean;
  @ApiProperty({ description: 'seconds between measurements' }) period: number;
  @ApiProperty() start_offset: number;
  @ApiProperty({ type: String, nullable: true }) cmd_command: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Skygate: days of measurements kept (null: all)' }) retention_days: number | null;
  @ApiProperty() log_level_debug: boolean;
  @ApiProperty() custom_options: string;
}

/** An input or function channel (Mycodo's Function_Channel_Fields). */
export class FunctionChannelDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'uuid' }) unique_id: string;
  @ApiProperty({ format: 'uuid' }) input_id: string;
  @ApiProperty() channel: number;
  @ApiProperty() name: string;
  @ApiProperty() custom_options: string;
}

export class DeviceMeasurementDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'uuid' }) unique_id: string;
  @ApiProperty({ format: 'uuid' }) device_id: string;
  @ApiProperty({ example: 'input' }) device_type: string;
  @ApiProperty() channel: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'temperature' }) measurement: string;
  @ApiProperty({ example: 'C' }) unit: string;
  @ApiProperty() is_enabled: boolean;
}

export class PidSettingsDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'uuid' }) unique_id: string;
  @ApiProperty() name: string;
  @ApiProperty() is_activated: boolean;
  @ApiProperty() is_held: boolean;
  @ApiProperty() is_paused: boolean;
  @ApiProperty() period: number;
  @ApiProperty() start_offset: number;
  @ApiProperty() max_measure_age: number;
  @ApiProperty({ description: '"<device_id>,<device measurement unique_id>"' }) measurement: string;
  @ApiProperty({ enum: ['raise', 'lower', 'both'] }) direction: string;
  @ApiProperty() setpoint: number;
  @ApiProperty() band: number;
  @ApiProperty() p: number;
  @ApiProperty() i: number;
  @ApiProperty() d: number;
  @ApiProperty() integrator_min: number;
  @ApiProperty() integrator_max: number;
  @ApiProperty({ type: String, nullable: true, description: '"<output_id>,<output channel unique_id>"' }) raise_output_id: string | null;
  @ApiProperty() raise_min_duration: number;
  @ApiProperty() raise_max_duration: number;
  @ApiProperty() raise_min_off_duration: number;
  @ApiProperty({ type: String, nullable: true }) lower_output_id: string | null;
  @ApiProperty() lower_min_duration: number;
  @ApiProperty() lower_max_duration: number;
  @ApiProperty() lower_min_off_duration: number;
  @ApiProperty() store_lower_as_negative: boolean;
  @ApiProperty({ enum: ['', 'measurement'] }) setpoint_tracking_type: string;
  @ApiProperty({ description: '"<device_id>,<device measurement unique_id>"' }) setpoint_tracking_id: string;
  @ApiProperty() setpoint_tracking_offset: number;
  @ApiProperty() setpoint_tracking_max_age: number;
}

export class FunctionDeviceDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'uuid' }) unique_id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'conditional' }) device: string;
  @ApiProperty() is_activated: boolean;
  @ApiProperty() log_level_debug: boolean;
  @ApiProperty({ description: 'JSON text: period, conditions and actions' }) custom_options: string;
}

export class UnitSettingsDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'uuid' }) unique_id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'C' }) name_safe: string;
  @ApiProperty({ example: 'C' }) unit: string;
}

export class MeasurementSettingsDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'uuid' }) unique_id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'temperature' }) name_safe: string;
  @ApiProperty({ example: 'C,F,K' }) units: string;
}

export class UserSettingsDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'uuid' }) unique_id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ description: '1 admin, 2 operator, 3 viewer, 4 other (Mycodo: Admin, Editor, Monitor, Guest)' }) role_id: number;
  @ApiProperty() language: string;
  @ApiProperty() theme: string;
  @ApiProperty() landing_page: string;
  @ApiProperty() index_page: string;
}

export class TriggerSettingsDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'uuid' }) unique_id: string;
  @ApiProperty() name: string;
}

export class InputSettingsListDto {
  @ApiProperty({ name: 'input settings', type: [InputSettingsDto] }) 'input settings': InputSettingsDto[];
}
export class OutputSettingsListDto {
  @ApiProperty({ name: 'output settings', type: [OutputDeviceDto] }) 'output settings': OutputDeviceDto[];
}
export class PidSettingsListDto {
  @ApiProperty({ name: 'pid settings', type: [PidSettingsDto] }) 'pid settings': PidSettingsDto[];
}
export class DeviceMeasurementListDto {
  @ApiProperty({ name: 'device measurement settings', type: [DeviceMeasurementDto] }) 'device measurement settings': DeviceMeasurementDto[];
}
export class MeasurementSettingsListDto {
  @ApiProperty({ name: 'measurement settings', type: [MeasurementSettingsDto] }) 'measurement settings': MeasurementSettingsDto[];
}
export class UnitSettingsListDto {
  @ApiProperty({ name: 'unit settings', type: [UnitSettingsDto] }) 'unit settings': UnitSettingsDto[];
}
export class UserSettingsListDto {
  @ApiProperty({ name: 'user settings', type: [UserSettingsDto] }) 'user settings': UserSettingsDto[];
}
export class TriggerSettingsListDto {
  @ApiProperty({ name: 'trigger settings', type: [TriggerSettingsDto] }) 'trigger settings': TriggerSettingsDto[];
}
