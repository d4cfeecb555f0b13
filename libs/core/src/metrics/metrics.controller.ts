import { applyDecorators, Controller, Get, Header, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorDto } from '../errors/error.dto';
import { SecurityScheme } from '../openapi/openapi';
import { ROUTE_ACCESS, type RouteAccess } from '../security/access';
import { MetricsService } from './metrics.service';

/** metrics:read (admins have it): core cannot import auth's RequirePermission, so the same declaration by hand. */
const RequireMetricsRead = () =>
  applyDecorators(
    SetMetadata(ROUTE_ACCESS, { kind: 'permission', resource: 'metrics', action: 'read' } satisfies RouteAccess),
    ...[SecurityScheme.Jwt, SecurityScheme.ApiKeyHeader, SecurityScheme.ApiKeyQuery, SecurityScheme.ApiKeyBasic, SecurityScheme.ArcsecondKey].map((s) => ApiSecurity(s)),
    ApiExtension('x-skygate-permission', 'metrics:read'),
    ApiUnauthorizedResponse({ type: ErrorDto, description: 'No credentials, or they are wrong, expired or revoked' }),
    ApiForbiddenResponse({ type: ErrorDto, description: 'The caller lacks metrics:read' }),
  );

@ApiTags('Health')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @RequireMetricsRead()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics (metrics:read)',
    description: 'Request counts and latencies per wire family, uploads, websocket clients, database pool waits, event-loop lag and the Node.js process, in the Prometheus text format.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', schema: { type: 'string' } })
  async getMetrics(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
