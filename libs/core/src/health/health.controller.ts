import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../security/access';
import { HealthDto, LivenessDto } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('Health')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Database reachability and schema, version and uptime (public; no error text)' })
  @ApiOkResponse({ type: HealthDto, description: 'Everything Skygate needs is reachable' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database is not reachable or its schema is missing' })
  async getHealth(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const health = await this.health.getHealth();
    res.status(health.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return health;
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers HTTP; touches nothing else (public)' })
  @ApiOkResponse({ type: LivenessDto })
  getLiveness(): LivenessDto {
    return { status: 'ok' };
  }
}
