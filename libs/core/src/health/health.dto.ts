import { ApiProperty } from '@nestjs/swagger';

export class DatabaseHealthDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status: 'up' | 'down';

  @ApiProperty({ enum: ['pglite', 'postgres'], example: 'pglite', description: 'Embedded PGlite or PostgreSQL' })
  driver: 'pglite' | 'postgres';

  @ApiProperty({ required: false, example: 0.42, description: 'Round trip of SELECT 1, when reachable' })
  latencyMs?: number;

  @ApiProperty({ required: false, example: 'connect ECONNREFUSED 127.0.0.1:5432', description: 'Why the database is down' })
  error?: string;
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
}

export class LivenessDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';
}
