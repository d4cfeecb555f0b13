import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import express, { type Express } from 'express';
import { BORN_TYPED_HELPS, PrototypedExpressAdapter } from './express-adapter';

interface Started {
  base: string;
  server: Server;
  /** Per request, seen before Express ran: were req and res already the app's prototypes? */
  bornTyped: boolean[];
}

async function start(options: Parameters<PrototypedExpressAdapter['initHttpServer']>[0]): Promise<Started> {
  const adapter = new PrototypedExpressAdapter();
  adapter.initHttpServer(options);
  const app = adapter.getInstance<Express>();
  app.use(express.json());
  app.get('/echo', (req, res) => res.json({ host: req.get('host'), query: req.query, ip: req.ip }));
  app.post('/echo', (req, res) => res.status(201).json({ body: req.body as unknown }));
  const server = adapter.getHttpServer() as Server;
  const bornTyped: boolean[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    bornTyped.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, bornTyped };
}

describe('PrototypedExpressAdapter', () => {
  let started: Started | undefined;
  afterEach(async () => {
    await new Promise((resolve) => started?.server.close(resolve));
    started = undefined;
  });

  it(`${BORN_TYPED_HELPS ? 'builds' : 'does not build (V8 13+)'} requests and responses with the app prototypes`, async () => {
    started = await start({});
    const get = await fetch(`${started.base}/echo?a=1`);
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ host: new URL(started.base).host, query: { a: '1' }, ip: '127.0.0.1' });
    expect(get.headers.get('etag')).toMatch(/^W\/"/);
    const post = await fetch(`${started.base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":[1,2]}' });
    expect(post.status).toBe(201);
    expect(await post.json()).toEqual({ body: { x: [1, 2] } });
    // Node 20 and 22: born with them, so Express does not re-prototype them; Node 24: Nest's own server.
    expect(started.bornTyped).toEqual([BORN_TYPED_HELPS, BORN_TYPED_HELPS]);
    expect(BORN_TYPED_HELPS).toBe(Number(process.versions.node.split('.')[0]) < 24);
  });

  it("leaves Nest's own server in place for the options it handles (connection tracking)", async () => {
    started = await start({ forceCloseConnections: true });
    const get = await fetch(`${started.base}/echo`);
    expect(get.status).toBe(200);
    expect(started.bornTyped).toEqual([false]);
  });
});
