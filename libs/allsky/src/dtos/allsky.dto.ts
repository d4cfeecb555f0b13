import { ApiProperty } from '@nestjs/swagger';

export class AllskyServiceDto {
  @ApiProperty({ example: 'allsky', description: 'ALLSKY_SERVICE_UNIT' })
  unit: string;

  @ApiProperty({ enum: ['systemd', 'simulated'], example: 'systemd' })
  manager: string;

  @ApiProperty({ enum: ['active', 'inactive', 'failed', 'activating', 'deactivating', 'reloading', 'unknown'], example: 'active' })
  state: string;
}

export class AllskyStatusDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { status: 'Running', timestamp: '2026-11-22 03:14:15' },
    description: 'ALLSKY_HOME/config/status.json; {} when absent (the Allsky Server answers 500 then)',
  })
  allsky: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, example: {}, description: 'Always {} (the Allsky Server reads a hard-coded /home/pi/allsky/tmp)' })
  modules: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, example: {} })
  debug: Record<string, unknown>;

  @ApiProperty({ type: AllskyServiceDto, description: 'The capture service as the ServiceManager sees it (Skygate addition)' })
  service: AllskyServiceDto;

  @ApiProperty({ example: '<div class="alert alert-success" role="alert">...</div>', description: 'Bootstrap alert; running is green, starting amber, anything else red' })
  status_html: string;
}

export class AllskyActionResultDto {
  @ApiProperty({ example: 'Allsky started' })
  status: string;
}
