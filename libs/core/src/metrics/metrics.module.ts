import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { wireFamilyOf } from './metrics-family';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * GET /metrics and what feeds it: every HTTP request timed from arrival to the end of its answer
 * (refusals by the guard and 404s included), and a count of upgraded (websocket) connections.
 */
@Module({
  controllers: [MetricsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    server?.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const started = performance.now();
      const upload = req.headers['content-type']?.startsWith('multipart/') === true;
      // on, not once: 'finish' comes once per response, and once's wrapper was a per-request allocation.
      res.on('finish', () => this.metrics.observeRequest(wireFamilyOf(res), res.statusCode, (performance.now() - started) / 1000, upload));
    });
    // Every gateway's websocket arrives as an HTTP upgrade; its socket closing ends the client.
    server?.on('upgrade', (_req, socket: NodeJS.EventEmitter) => {
      this.metrics.socketOpened();
      socket.once('close', () => this.metrics.socketClosed());
    });
  }
}
