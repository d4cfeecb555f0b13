import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { OutputChannelDto, OutputDeviceDto } from './settings.dto';

const STATES_DESCRIPTION = 'Channel number (as text) → "on", "off", or the duty cycle / value as text';

export class OutputListDto {
  @ApiProperty({ name: 'output devices', type: [OutputDeviceDto] }) 'output devices': OutputDeviceDto[];
  @ApiProperty({ name: 'output channels', type: [OutputChannelDto] }) 'output channels': OutputChannelDto[];
  @ApiProperty({
    name: 'output states',
    description: `Output unique_id → (${STATES_DESCRIPTION})`,
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
  })
  'output states': Record<string, Record<string, string>>;
}

export class OutputDetailDto {
  @ApiProperty({ name: 'output device', type: OutputDeviceDto }) 'output device': OutputDeviceDto;
  @ApiProperty({ name: 'output device channels', type: [OutputChannelDto] }) 'output device channels': OutputChannelDto[];
  @ApiProperty({ name: 'output device channel states', description: STATES_DESCRIPTION, type: 'object', additionalProperties: { type: 'string' } })
  'output device channel states': Record<string, string>;
}

/**
 * Mycodo's Output_Modulation_Fields. Differences: `state` must be a JSON boolean (Mycodo reads
 * the string "false" as true); `channel` must be an integer; `min_off` is a Skygate extension.
 */
export class OutputModulationDto {
  @ApiPropertyOptional({ description: 'Set a non-PWM output on (true) or off (false). JSON booleans only.' })
  @IsOptional()
  @IsBoolean()
  state?: boolean;

  @ApiProperty({ description: 'The output channel to modulate.', example: 0, minimum: 0 })
  @IsInt()
  @Min(0)
  channel: number;

  @ApiPropertyOptional({ description: 'Seconds to keep the output on (with state true); a new duration replaces the remaining time.', example: 10, minimum: 0, exclusiveMinimum: true })
  @IsOptional()
  @IsNumber()
  @Min(0.001)
  duration?: number;

  @ApiPropertyOptional({ description: 'PWM duty cycle in percent.', example: 50, minimum: 0, maximum: 100 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  duty_cycle?: number;

  @ApiPropertyOptional({ description: 'Volume to dispense (ml).', example: 35, minimum: 0 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  volume?: number;

  @ApiPropertyOptional({ description: 'Skygate extension: a value for value outputs (an Equipment switch port level).', example: 12 })
  @IsOptional()
  @IsNumber()
  value?: number;

  @ApiPropertyOptional({ description: 'Skygate extension: seconds the output must then stay off before a timed on is accepted (Mycodo min_off, used by its PIDs).', example: 60, minimum: 0 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  min_off?: number;
}

export class OutputChannelInput {
  @ApiProperty({ example: 0 })
  @IsInt()
  @Min(0)
  channel: number;

  @ApiPropertyOptional({ example: 'Heater' })
  @IsOptional()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ description: 'Back-end options: pin, on_state, state_startup, state_shutdown, on_command, off_command, pwm_command, port, topic...', example: { pin: 17, on_state: 1, state_startup: 0, state_shutdown: 0 } })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown>;
}

/** Skygate extension: create an output. */
export class OutputCreateDto {
  @ApiProperty({ example: 'Dew heater' })
  @IsString()
  @IsNotEmpty()
  name: string;

  @ApiProperty({ example: 'gpio', description: 'gpio, pwm, command, equipment_switch, mqtt (GET /api/choices/outputs/types lists them)' })
  @IsString()
  output_type: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  interface?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  location?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  custom_options?: Record<string, unknown>;

  @ApiProperty({ type: [OutputChannelInput] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OutputChannelInput)
  channels: OutputChannelInput[];
}

/** Skygate extension: change an output (not its type); given channels replace the old ones. */
export class OutputUpdateDto extends PartialType(OmitType(OutputCreateDto, ['output_type'] as const)) {}
