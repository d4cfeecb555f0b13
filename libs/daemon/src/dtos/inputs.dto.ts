import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { DeviceMeasurementDto, FunctionChannelDto, InputSettingsDto } from './settings.dto';

export class InputListDto {
  @ApiProperty({ name: 'input settings', type: [InputSettingsDto] }) 'input settings': InputSettingsDto[];
  @ApiProperty({ name: 'input channels', type: [FunctionChannelDto] }) 'input channels': FunctionChannelDto[];
}

export class InputDetailDto {
  @ApiProperty({ name: 'input settings', type: InputSettingsDto }) 'input settings': InputSettingsDto;
  @ApiProperty({ name: 'input channels', type: [FunctionChannelDto] }) 'input channels': FunctionChannelDto[];
  @ApiProperty({ name: 'device measurements', type: [DeviceMeasurementDto] }) 'device measurements': DeviceMeasurementDto[];
}

export class InputChannelInput {
  @ApiProperty({ example: 0 })
  @IsInt()
  @Min(0)
  channel: number;

  @ApiProperty({ example: 'temperature' })
  @IsString()
  measurement: string;

  @ApiProperty({ example: 'C', description: 'a unit id (GET /api/settings/units)' })
  @IsString()
  unit: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ description: 'back-end options of the channel', example: { base: 12, amplitude: 2 } })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown>;
}

/** Skygate extension: create an input. */
export class InputCreateDto {
  @ApiProperty({ example: 'Dome temperature' })
  @IsString()
  @IsNotEmpty()
  name: string;

  @ApiProperty({ example: 'simulated', description: 'simulated, command, equipment_weather, equipment_safety, ds18b20, bme280, mqtt (GET /api/choices/inputs/devices)' })
  @IsString()
  device: string;

  @ApiPropertyOptional({ description: 'start measuring at once', default: false })
  @IsOptional()
  @IsBoolean()
  is_activated?: boolean;

  @ApiPropertyOptional({ description: 'seconds between measurements', example: 60 })
  @IsOptional()
  @IsNumber()
  @Min(0.1)
  period?: number;

  @ApiPropertyOptional({ example: 0 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  start_offset?: number;

  @ApiPropertyOptional({ example: 'cat /sys/class/thermal/thermal_zone0/temp' })
  @IsOptional()
  @IsString()
  cmd_command?: string;

  @ApiPropertyOptional({ description: 'days of measurements kept; null keeps all', type: Number, nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0.0001)
  retention_days?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  custom_options?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [InputChannelInput], description: 'replaces the channels; omitted on create: the back-end\'s defaults' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => InputChannelInput)
  channels?: InputChannelInput[];
}

/** Skygate extension: change an input (not its back-end); given channels replace the old ones. */
export class InputUpdateDto extends PartialType(OmitType(InputCreateDto, ['device', 'is_activated'] as const)) {}
