import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { indexRoutesBySegment, requestSegment } from './route-index';

/**
 * An app shaped like Skygate's: middleware, runs of routes with many first segments (params, HEAD
 * through GET, @All, a portal-like `/:portal/...` pattern between runs), a 404 handler and an error
 * handler last. The same app is built twice, one indexed, and every request must get the same answer.
 */
function buildApp(): express.Express {
  const app = express();
  const answer = (name: string) => (req: Request, res: Response) => res.json({ name, params: req.params, url: req.url, baseUrl: req.baseUrl });
  app.use((req, res, next) => {
    res.setHeader('X-Seen', 'first');
    next();
  });
  app.use('/explode', (_req, _res, next) => next(new Error('early')));
  for (let i = 0; i < 12; i++) app.get(`/alpha${i}/items`, answer(`alpha${i}`));
  app.get('/explode/items', answer('explode-route-never'));
  app.get('/health/live', answer('health-live'));
  app.get('/health', answer('health'));
  app.post('/health/live', answer('health-post'));
  // Nest applies middleware to routes as all-method route layers, among the routes.
  app.all('/users/:id', (_req, res, next) => {
    res.setHeader('X-Middleware', 'users');
    next();
  });
  app.get('/users/:id', answer('user-by-id'));
  app.get('/users/me', answer('user-me-shadowed'));
  app.get('/boom/now', () => {
    throw new Error('boom');
  });
  app.get('/next/one', (_req, _res, next) => next());
  app.get('/next/one', answer('next-second'));
  app.all('/any/thing', answer('any'));
  app.use('/mounted', (req, res) => res.json({ name: 'mounted', url: req.url, baseUrl: req.baseUrl }));
  app.get('/:portal/datasets', answer('portal-datasets'));
  for (let i = 0; i < 10; i++) app.get(`/v2/api/device${i}/info`, answer(`device${i}`));
  app.get('/v2/api/:device/connect', answer('device-connect'));
  app.all('/v2/api/equipment/cam2/info', (_req, res, next) => {
    res.setHeader('X-Middleware', 'cam2');
    next();
  });
  for (let i = 0; i < 9; i++) app.get(`/v2/api/equipment/cam${i}/info`, answer(`cam${i}`));
  app.get('/v2/api/equipment/boom/info', () => {
    throw new Error('deep boom');
  });
  app.get('/v2/api/equipment/:device/info', answer('equipment-device-info'));
  for (let i = 0; i < 9; i++) app.get(`/v2/api/sequence/step${i}`, answer(`step${i}`));
  app.get('/v2/:other/equipment/cam1/info', answer('v2-other'));
  app.get('/v2/api/equipment/cam1/info', answer('cam1-shadowed'));
  app.get('/users/late', answer('users-late'));
  app.use((req, res) => res.status(404).json({ notFound: `${req.method} ${req.url}` }));
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => res.status(500).json({ error: err.message }));
  return app;
}

const REQUESTS: [string, string][] = [
  ['GET', '/health/live'],
  ['GET', '/HEALTH/Live'],
  ['GET', '/health/live/'],
  ['GET', '/health/live?x=1'],
  ['HEAD', '/health/live'],
  ['POST', '/health/live'],
  ['PUT', '/health/live'],
  ['OPTIONS', '/health/live'],
  ['GET', '/health'],
  ['GET', '/healthx/live'],
  ['GET', '/users/7'],
  ['GET', '/users/me'],
  ['OPTIONS', '/users/7'],
  ['HEAD', '/users/7'],
  ['GET', '/users/late'],
  ['GET', '/boom/now'],
  ['GET', '/next/one'],
  ['DELETE', '/any/thing'],
  ['OPTIONS', '/any/thing'],
  ['GET', '/mounted/deep/path'],
  ['GET', '/alpha3/datasets'],
  ['GET', '/alpha3/items'],
  ['GET', '/alpha11/items'],
  ['GET', '/v2/api/device4/info'],
  ['GET', '/v2/api/device4/connect'],
  ['GET', '/V2/api/device9/info'],
  ['GET', '/v2/api/device99/info'],
  ['GET', '/v2/api/equipment/cam3/info'],
  ['GET', '/v2/api/equipment/cam2/info'],
  ['OPTIONS', '/v2/api/equipment/cam2/info'],
  ['OPTIONS', '/v2/api/equipment/cam3/info'],
  ['OPTIONS', '/v2/api/device4/connect'],
  ['GET', '/v2/api/equipment/boom/info'],
  ['GET', '/explode/items'],
  ['GET', '/v2/API/Equipment/cam8/info'],
  ['GET', '/v2/api/equipment/focuser/info'],
  ['GET', '/v2/api/sequence/step8'],
  ['GET', '/v2/api/sequence/step8/'],
  ['GET', '/v2/api/sequence'],
  ['GET', '/v2/api/'],
  ['GET', '/v2/api'],
  ['GET', '/v2/apx/equipment/cam1/info'],
  ['GET', '/v2//api/equipment/cam1/info'],
  ['GET', '/%76%32/api/device4/info'],
  ['GET', '/'],
  ['GET', '/?q=health'],
  ['GET', '/nowhere'],
];

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function answer(base: string, method: string, path: string) {
  const res = await fetch(`${base}${path}`, { method });
  return { status: res.status, allow: res.headers.get('allow'), seen: res.headers.get('x-seen'), middleware: res.headers.get('x-middleware'), body: await res.text() };
}

describe('indexRoutesBySegment', () => {
  let plain: { server: Server; base: string };
  let indexed: { server: Server; base: string };
  let layers: { before: number; after: number };

  beforeAll(async () => {
    plain = await listen(buildApp());
    const app = buildApp();
    layers = indexRoutesBySegment(app.router as unknown as Parameters<typeof indexRoutesBySegment>[0]);
    indexed = await listen(app);
  });
  afterAll(() => {
    plain.server.close();
    indexed.server.close();
  });

  it('folds the runs of routes into fewer layers', () => {
    expect(layers.after).toBeLessThan(layers.before - 30);
  });

  it.each(REQUESTS)('%s %s gets the answer it gets without the index', async (method, path) => {
    const expected = await answer(plain.base, method, path);
    const actual = await answer(indexed.base, method, path);
    expect(actual).toEqual(expected);
    expect(actual.seen).toBe('first');
  });

  it('keeps the order of routes within a segment and across a pattern that could shadow them', async () => {
    const me = await answer(indexed.base, 'GET', '/users/me');
    expect(JSON.parse(me.body).name).toBe('user-by-id');
    expect(me.middleware).toBe('users');
    expect((await answer(indexed.base, 'OPTIONS', '/users/7')).middleware).toBe('users');
    expect(JSON.parse((await answer(indexed.base, 'GET', '/alpha3/datasets')).body).name).toBe('portal-datasets');
    expect(JSON.parse((await answer(indexed.base, 'GET', '/next/one')).body).name).toBe('next-second');
    expect(JSON.parse((await answer(indexed.base, 'GET', '/v2/api/equipment/cam1/info')).body).name).toBe('cam1');
    expect(JSON.parse((await answer(indexed.base, 'GET', '/v2/xyz/equipment/cam1/info')).body).name).toBe('v2-other');
  });
});

describe('requestSegment', () => {
  it.each([
    ['/v2/api/x', 1, false, 'v2'],
    ['/V2/api', 1, false, 'v2'],
    ['/V2/api', 1, true, 'V2'],
    ['/V2/Api/x', 2, false, 'api'],
    ['/v2/api/Equipment/camera', 3, false, 'equipment'],
    ['/v2/api', 3, false, ''],
    ['/v2/api/', 3, false, ''],
    ['/v2?x=/a/b', 2, false, ''],
    ['/health?x=/y', 1, false, 'health'],
    ['/health', 1, false, 'health'],
    ['/', 1, false, ''],
    ['/a#b', 1, false, 'a'],
  ])('%s segment %d (case-sensitive %s) → %s', (url, depth, caseSensitive, segment) => {
    expect(requestSegment(url, depth, caseSensitive)).toBe(segment);
  });
});
