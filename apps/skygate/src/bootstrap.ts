import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { WsAdapter } from '@nestjs/platform-ws';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { Logger as PinoRoot } from 'pino';
import { applyHttpSecurity, buildOpenApiDocument, createValidationPipe, PrototypedExpressAdapter, requestLogging, serveOpenApi } from '@app/core';
import { SEQUENCE_LOAD_PATH, sequenceLoadBody } from '@app/sequencer';
import { AppModule, type AppOptions } from './app.module';
import { serveDashboard } from './dashboard-static';

/**
 * Builds the whole application without listening: main.ts, the CLI's `openapi` command and the
 * end-to-end tests all use this, so they exercise the same wiring.
 */
export async function createApp(options: AppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), new PrototypedExpressAdapter(), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Client addresses come from X-Forwarded-For only when the peer is a configured proxy.
  app.set('trust proxy', options.config.auth.trustedProxies.length ? options.config.auth.trustedProxies : false);
  applyHttpSecurity(app, options.config);
  // Mounted before Nest's own parsers (registered at init), which then skip the parsed body.
  app.use(SEQUENCE_LOAD_PATH, ...sequenceLoadBody(options.config.sequencer.loadMaxBytes));
  app.useGlobalPipes(createValidationPipe());
  // Plain websockets (the ws package), one path per gateway: /v2/socket (NINA), /events, ...
  app.useWebSocketAdapter(new WsAdapter(app));
  app.enableShutdownHooks();
  serveDashboard(app);
  // Built on the first request for /api or /api-json, not at every start: scanning every route
  // took ~0.2 s of each start (bench/startup.js: PostgreSQL 1.65 → 1.45 s, PGlite reopened 1.9 → 1.75 s).
  serveOpenApi(app, () => buildOpenApiDocument(app, options.config.version));
  // After the dashboard's files and Swagger UI (which, as before, carry no request id and write no
  // access line), before every Nest route; `logger` outside a request is the one root logger.
  app.use(requestLogging((await app.resolve(PinoLogger)).logger as unknown as PinoRoot));
  return app;
}
