import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FocuserMoveRequestDto {
  @ApiProperty({ enum: ['in', 'out'], example: 'out', description: '"out" counts the position up, "in" down (the Allsky Server treats anything but "in" as out; Skygate refuses other words)' })
  direction: 'in' | 'out';

  @ApiProperty({ example: 50, description: 'Positive integer; for a ULN2003 one step is a whole 4-phase sequence' })
  steps: number;

  @ApiPropertyOptional({ enum: ['slow', 'fast'], default: 'slow', example: 'slow' })
  speed?: 'slow' | 'fast';
}

export class FocuserStepsDto {
  @ApiProperty({ example: 500 })
  fast: number;
  @ApiProperty({ example: 50 })
  slow: number;
}

export class FocuserLimitsDto {
  @ApiProperty({ type: Number, nullable: true, example: 0 })
  min: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 20000 })
  max: number | null;
}

export class FocuserSettingsDto {
  @ApiProperty({ enum: ['a4988', 'uln2003'], example: 'uln2003' })
  type: 'a4988' | 'uln2003';

  @ApiProperty({ example: 'custom' })
  profile: string;

  @ApiProperty({ type: FocuserStepsDto })
  steps: FocuserStepsDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { in1: 20, in2: 21, in3: 26, in4: 19 },
    description: 'a4988: direction, step, enable (EN active-low); uln2003: in1..in4. BCM numbers, all different',
  })
  pins: Record<string, number>;

  @ApiPropertyOptional({ type: FocuserLimitsDto, description: 'Skygate: travel limits of the tracked position' })
  limits?: FocuserLimitsDto;
}

export class FocuserSettingsResponseDto {
  @ApiProperty({ example: true })
  ok: boolean;
  @ApiProperty({ type: FocuserSettingsDto })
  settings: FocuserSettingsDto;
}

export class FocuserSavedDto {
  @ApiProperty({ example: true })
  ok: boolean;
  @ApiProperty({ example: true })
  saved: boolean;
}

export class FocuserSettingsErrorDto {
  @ApiProperty({ example: false })
  ok: boolean;
  @ApiProperty({ example: 'Invalid format' })
  error: string;
}

export class FocuserMoveDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: ['in', 'out'] })
  direction: string;
  @ApiProperty({ enum: ['slow', 'fast'] })
  speed: string;
  @ApiProperty({ example: 50 })
  steps: number;
  @ApiProperty({ example: 12, description: 'Steps done so far' })
  done: number;
  @ApiProperty({ enum: ['moving', 'done', 'aborted', 'failed'] })
  state: string;
  @ApiProperty({ format: 'date-time' })
  startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;
  @ApiPropertyOptional({ description: 'Why a move failed' })
  error?: string;
}

export class FocuserStatusDto {
  @ApiProperty({ example: 1200, description: 'Tracked position in steps, persisted' })
  position: number;
  @ApiProperty({ example: false })
  moving: boolean;
  @ApiProperty({ example: true, description: 'Last enable/disable since start-up' })
  enabled: boolean;
  @ApiProperty({ enum: ['a4988', 'uln2003'] })
  type: string;
  @ApiProperty({ type: FocuserLimitsDto })
  limits: FocuserLimitsDto;
  @ApiProperty({ type: FocuserMoveDto, nullable: true, description: 'The move in progress, or the last one' })
  move: FocuserMoveDto | null;
}

export class FocuserAbortDto {
  @ApiProperty({ example: true })
  ok: boolean;
  @ApiProperty({ example: true, description: 'false when nothing was moving' })
  aborted: boolean;
  @ApiProperty({ example: 1180 })
  position: number;
}

export class FocuserPositionDto {
  @ApiProperty({ example: 0, description: 'The position to record for where the focuser is now' })
  position: number;
}
