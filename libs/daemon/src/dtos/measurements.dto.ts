import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsOptional, IsString, Min, ValidateNested } from 'class-validator';

export class MeasurementPointDto {
  @ApiProperty({ type: Number, nullable: true, description: 'epoch seconds' }) time: number | null;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
}

export class MeasurementListDto {
  @ApiProperty({ type: [MeasurementPointDto] }) measurements: MeasurementPointDto[];
}

/** Mycodo's Measurement_Create_Fields. */
export class MeasurementCreateDto {
  @ApiPropertyOptional({ description: 'In %Y-%m-%dT%H:%M:%S.%fZ format (e.g. 2019-04-15T18:07:00.392Z); omitted: now', example: '2019-04-15T18:07:00.392Z' })
  @IsOptional()
  timestamp?: string;
}

export class MultiChannelDto {
  @ApiProperty() @IsString() unique_id: string;
  @ApiProperty({ example: 'C' }) @IsString() unit: string;
  @ApiProperty({ example: 0 }) @IsInt() @Min(0) channel: number;
  @ApiPropertyOptional({ example: 'temperature' }) @IsOptional() @IsString() measure?: string;
}

export class MultiRequestDto {
  @ApiProperty({ type: [MultiChannelDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MultiChannelDto)
  channels: MultiChannelDto[];

  @ApiPropertyOptional({ example: 3600, default: 3600 })
  @IsOptional()
  @IsNumber()
  @Min(1)
  past_seconds?: number;
}

export class MultiMeasurementDto {
  @ApiProperty() unique_id: string;
  @ApiProperty() unit: string;
  @ApiProperty() channel: number;
  @ApiProperty({ type: String, nullable: true }) measure: string | null;
  @ApiProperty({ type: Number, nullable: true }) time: number | null;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
}

export class MultiResponseDto {
  @ApiProperty({ type: [MultiMeasurementDto] }) measurements: MultiMeasurementDto[];
}
