import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsArray, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Min } from 'class-validator';
import { DeviceMeasurementDto, FunctionChannelDto, FunctionDeviceDto } from './settings.dto';

export class FunctionListDto {
  @ApiProperty({ name: 'function settings', type: [FunctionDeviceDto] }) 'function settings': FunctionDeviceDto[];
  @ApiProperty({ name: 'function channels', type: [FunctionChannelDto] }) 'function channels': FunctionChannelDto[];
}

export class FunctionDetailDto {
  @ApiProperty({ name: 'function settings', type: FunctionDeviceDto }) 'function settings': FunctionDeviceDto;
  @ApiProperty({ name: 'function channels', type: [FunctionChannelDto] }) 'function channels': FunctionChannelDto[];
  @ApiProperty({ name: 'device measurements', type: [DeviceMeasurementDto] }) 'device measurements': DeviceMeasurementDto[];
}

const CONDITIONS = `All must hold. Each is one of:
{"type":"measurement","device_id","unit","channel","operator":">|>=|<|<=|==|!=","value","max_age"} (no value that fresh: fails),
{"type":"output_state","output_id","channel","state":"on|off"},
{"type":"safety","safe":false} (a disconnected monitor counts as unsafe),
{"type":"weather","field":"windSpeed|humidity|rainRate|cloudCover|...","operator","value"},
{"type":"time","after":"HH:MM","before":"HH:MM"} (UTC).`;
const ACTIONS = `Run in order. Each is one of:
{"type":"output","output_id","channel","state":true|false,"duration"?} or {..., "duty_cycle"},
{"type":"function","function_id"} (runs that function's actions),
{"type":"webhook","url"} (POST {function_id, name, reason}),
{"type":"mqtt","topic","payload"},
{"type":"equipment","action":"park_mount|close_dome|open_dome|park_dome|stop_guiding"}.`;

/** Skygate extension: create a conditional function. */
export class FunctionCreateDto {
  @ApiProperty({ example: 'Weather safety' })
  @IsString()
  @IsNotEmpty()
  name: string;

  @ApiPropertyOptional({ description: 'seconds between evaluations', example: 10 })
  @IsOptional()
  @IsNumber()
  @Min(0.1)
  period?: number;

  @ApiPropertyOptional({ description: CONDITIONS, type: 'array', items: { type: 'object' }, example: [{ type: 'safety', safe: false }] })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  conditions?: Record<string, unknown>[];

  @ApiPropertyOptional({ description: ACTIONS, type: 'array', items: { type: 'object' }, example: [{ type: 'equipment', action: 'park_mount' }, { type: 'equipment', action: 'close_dome' }] })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  actions?: Record<string, unknown>[];
}

/** Skygate extension: change a function; given conditions or actions replace the old ones. */
export class FunctionUpdateDto extends PartialType(FunctionCreateDto) {}

/** One condition or action, added to a function (Skygate extension). */
export class FunctionRuleDto {
  @ApiProperty({ description: 'a condition or action object as described on POST /api/functions/', type: 'object', additionalProperties: true, example: { type: 'safety', safe: false } })
  @IsObject()
  rule: Record<string, unknown>;
}
