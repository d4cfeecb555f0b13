import type { ApplicationConfig } from '@nestjs/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { GPIO_DRIVER, type GpioDriver } from '@app/gpio';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('Skygate application', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const http = () => request(t.app.getHttpServer());

  it('GET /health reports the database, version and uptime', async () => {
    const res = await http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', version: t.config.version, database: { status: 'up', driver: t.config.database.kind } });
    expect(res.body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(res.body.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('GET /health names the GPIO driver GPIO_DRIVER=auto chose and why', async () => {
    const res = await http().get('/health').expect(200);
    expect(res.body.gpio).toEqual({ driver: t.app.get<GpioDriver>(GPIO_DRIVER).name, reason: expect.any(String) });
    if (res.body.gpio.driver === 'simulated') expect(res.body.gpio.reason).toMatch(/simulated \(/);
  });

  it('serves Swagger UI at /api and the document at /api-json', async () => {
    const ui = await http().get('/api').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = await http().get('/api-json').expect(200);
    expect(doc.body.info.title).toBe('Skygate');
    expect(doc.body.paths['/health'].get.operationId).toBe('getHealth');
    expect(Object.keys(doc.body.components.securitySchemes).sort()).toEqual(['api_key_basic', 'api_key_header', 'api_key_query', 'arcsecond_key', 'jwt', 'sync_signature']);
  });

  it('puts no global interceptor on the request path (each adds an rxjs pipeline to every request; bench/request-path.js)', () => {
    const config = (t.app as unknown as { config: ApplicationConfig }).config;
    expect(config.getGlobalInterceptors()).toEqual([]);
    expect(config.getGlobalRequestInterceptors()).toEqual([]);
    // Failures still reach the boundary: a global filter, which costs a request nothing until it fails.
    expect(config.getGlobalFilters().map((f) => f.constructor.name)).toContain('RequestBoundaryFilter');
  });

  it('tells the operator how to create the first admin, and creates no default user', async () => {
    expect(t.logs.some((l) => l.includes('no users yet: create the first admin with'))).toBe(true);
    expect((await http().get('/users').expect(200)).body).toEqual([]);
  });

  it('echoes a request id and logs each request as JSON under it', async () => {
    const res = await http().get('/health/live').set('X-Request-Id', 'trace-42').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-42');
    const line = t.logs.map((l) => JSON.parse(l)).find((l) => l.req?.id === 'trace-42');
    expect(line).toMatchObject({ level: 30, req: { method: 'GET', url: '/health/live' }, res: { statusCode: 200 } });
  });

  it('never writes credentials to the log', async () => {
    await http()
      .get('/health/live?api_key=query-secret-123')
      .set('Authorization', 'Bearer header-secret-456')
      .set('X-API-KEY', 'key-secret-789')
      .set('X-Arcsecond-API-Authorization', 'Key arc-secret-000')
      .set('X-Request-Id', 'secrets-test')
      .expect(200);
    const logged = t.logs.filter((l) => l.includes('secrets-test')).join('\n');
    expect(logged).toContain('[Redacted]');
    for (const secret of ['query-secret-123', 'header-secret-456', 'key-secret-789', 'arc-secret-000']) expect(logged).not.toContain(secret);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await http().get('/no/such/route').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404 });
  });

  it('GET /health answers 503 when the database is unreachable', async () => {
    await t.app.get(DataSource).destroy();
    const res = await http().get('/health').expect(503);
    expect(res.body).toMatchObject({ status: 'unavailable', database: { status: 'down', reason: 'unreachable' } });
    expect(res.body.database.error).toBeUndefined();
  });
});
