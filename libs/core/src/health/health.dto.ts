import { ApiProperty } from '@nestjs/swagger';

export class DatabaseHealthDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status: 'up' | 'down';

  @ApiProperty({ enum: ['pglite', 'postgres'], example: 'pglite', description: 'Embedded PGlite or PostgreSQL' })
  driver: 'pglite' | 'postgres';

  @ApiProperty({ required: false, example: 0.42, description: 'Round trip of SELECT 1, when reachable' })
  latencyMs?: number;

  @ApiProperty({
    required: false,
    enum: ['unreachable', 'timeout', 'busy', 'schema-missing'],
    example: 'schema-missing',
    description: 'Why the database counts as down: no connection, no answer in time, the embedded database\'s queue full (DATABASE_MAX_WAITING), or its schema (the newest migration) is missing. The driver\'s own text goes to the log only.',
  })
  reason?: 'unreachable' | 'timeout' | 'busy' | 'schema-missing';
}

export class GpioHealthDto {
  @ApiProperty({ enum: ['gpiochip', 'pigpio', 'onoff', 'simulated'], example: 'gpiochip', description: 'The GPIO driver in use' })
  driver: 'gpiochip' | 'pigpio' | 'onoff' | 'simulated';

  @ApiProperty({
    example: 'Raspberry Pi 5 Model B Rev 1.0: gpiochip, the GPIO character device (pigpio does not support the RP1 I/O chip) on gpiochip4 "pinctrl-rp1"',
    description: 'Why it was chosen at start-up (GPIO_DRIVER, the board, the chip)',
  })
  reason: string;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'], example: 'ok' })
  status: 'ok' | 'unavailable';

  @ApiProperty({ example: '0.1.0' })
  version: string;

  @ApiProperty({ example: 3600.5, description: 'Seconds since the process started' })
  uptimeSeconds: number;

  @ApiProperty({ type: DatabaseHealthDto })
  database: DatabaseHealthDto;

  @ApiProperty({ type: GpioHealthDto, required: false, description: 'The GPIO driver and why it was chosen, when the GPIO module runs' })
  gpio?: GpioHealthDto;
}

export class LivenessDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';
}
