import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, Min } from 'class-validator';
import { DeviceMeasurementDto, PidSettingsDto } from './settings.dto';

export class PidListDto {
  @ApiProperty({ name: 'pid settings', type: [PidSettingsDto] }) 'pid settings': PidSettingsDto[];
}

export class PidDetailDto {
  @ApiProperty({ name: 'pid settings', type: PidSettingsDto }) 'pid settings': PidSettingsDto;
  @ApiProperty({ name: 'device measurements', type: [DeviceMeasurementDto] }) 'device measurements': DeviceMeasurementDto[];
}

/** Skygate extension: create a PID (Mycodo's columns). */
export class PidCreateDto {
  @ApiProperty({ example: 'Dew heater PID' }) @IsString() @IsNotEmpty() name: string;
  @ApiPropertyOptional({ description: 'seconds' }) @IsOptional() @IsNumber() @Min(0.1) period?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) start_offset?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0.1) max_measure_age?: number;
  @ApiPropertyOptional({ description: '"<device_id>,<device measurement unique_id>"' }) @IsOptional() @IsString() measurement?: string;
  @ApiPropertyOptional({ enum: ['raise', 'lower', 'both'] }) @IsOptional() @IsIn(['raise', 'lower', 'both']) direction?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber() setpoint?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) band?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() p?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() i?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() d?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() integrator_min?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() integrator_max?: number;
  @ApiPropertyOptional({ description: '"<output_id>,<channel>"' }) @IsOptional() @IsString() raise_output_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) raise_min_duration?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) raise_max_duration?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) raise_min_off_duration?: number;
  @ApiPropertyOptional({ description: '"<output_id>,<channel>"' }) @IsOptional() @IsString() lower_output_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) lower_min_duration?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) lower_max_duration?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) lower_min_off_duration?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() store_lower_as_negative?: boolean;
  @ApiPropertyOptional({ enum: ['', 'measurement'], description: "'' = the fixed setpoint; 'measurement' = setpoint tracking: the last value of setpoint_tracking_id plus setpoint_tracking_offset" })
  @IsOptional()
  @IsIn(['', 'measurement'])
  setpoint_tracking_type?: string;
  @ApiPropertyOptional({ description: 'the tracked measurement, "<device_id>,<device measurement unique_id>"' }) @IsOptional() @IsString() setpoint_tracking_id?: string;
  @ApiPropertyOptional({ description: 'Skygate extension: added to the tracked value (e.g. +3 °C over the air for a dew heater)' }) @IsOptional() @IsNumber() setpoint_tracking_offset?: number;
  @ApiPropertyOptional({ description: 'seconds; an older tracked value counts as none' }) @IsOptional() @IsNumber() @Min(0.1) setpoint_tracking_max_age?: number;
}

/** Skygate extension: change a PID. */
export class PidUpdateDto extends PartialType(PidCreateDto) {}

/** Mycodo's pid_get values; null while the PID does not run. */
export class PidStateDto {
  @ApiProperty() setpoint: number;
  @ApiProperty({ type: Number, nullable: true }) setpoint_band: number | null;
  @ApiProperty({ type: Number, nullable: true }) error: number | null;
  @ApiProperty({ type: Number, nullable: true }) integrator: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the last measurement the derivative is taken against (D is on the measurement, not the error as in Mycodo)' }) derivator: number | null;
  @ApiProperty() kp: number;
  @ApiProperty() ki: number;
  @ApiProperty() kd: number;
  @ApiProperty() is_activated: boolean;
  @ApiProperty() is_held: boolean;
  @ApiProperty() is_paused: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Skygate extension: the control variable of the last step (the output asked of the raise/lower outputs); null while the PID does not run or had no fresh measurement' })
  last_output: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Skygate extension: when the last step ran; null while the PID does not run' })
  last_step_at: string | null;
}

/** Mycodo's pid_set: setpoint and gains are stored; integrator and derivator change the running PID only. */
export class PidSetDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber() setpoint?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() kp?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() ki?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() kd?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() integrator?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() derivator?: number;
}
