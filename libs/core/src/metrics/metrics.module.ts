import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_INTERCEPTOR, HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { MetricsController } from './metrics.controller';
import { MetricsInterceptor } from './metrics.interceptor';
import { MetricsService } from './metrics.service';

/** GET /metrics and what feeds it: the request interceptor and a count of upgraded (websocket) connections. */
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, { provide: APP_INTERCEPTOR, useClass: MetricsInterceptor }],
  exports: [MetricsService],
})
export class MetricsModule implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    // Every gateway's websocket arrives as an HTTP upgrade; its socket closing ends the client.
    server?.on('upgrade', (_req, socket: NodeJS.EventEmitter) => {
      this.metrics.socketOpened();
      socket.once('close', () => this.metrics.socketClosed());
    });
  }
}
