import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { cachedPerHost } from './http-security';

type Middleware = Parameters<typeof cachedPerHost>[0];

/** A helmet with a per-request CSP source, as Skygate's (connect-src follows the Host header). */
const skygateLikeHelmet = () =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], connectSrc: ["'self'", (req) => `ws://${(req as IncomingMessage).headers.host}`] } },
    strictTransportSecurity: false,
  }) as unknown as Middleware;

function serve(middleware: Middleware): Promise<{ server: Server; port: number; calls: () => number }> {
  let calls = 0;
  const counted: Middleware = (req, res, next) => {
    calls++;
    middleware(req, res, next);
  };
  const wrapped = cachedPerHost(counted);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Powered-By', 'Express'); // set before, as Express does; helmet takes it off
    wrapped(req, res, () => res.end('ok'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, calls: () => calls })));
}

/** node:http, not fetch: fetch does not send a Host header of the caller's choosing. */
function headersOf(port: number, host: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => {
        const { date: _date, connection: _c, 'keep-alive': _k, 'content-length': _l, ...rest } = res.headers;
        resolve(rest);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('cachedPerHost (helmet worked out once per Host)', () => {
  let cached: Awaited<ReturnType<typeof serve>>;
  let direct: Server;
  let directPort: number;

  beforeAll(async () => {
    cached = await serve(skygateLikeHelmet());
    const plain = skygateLikeHelmet();
    direct = createServer((req, res) => {
      res.setHeader('X-Powered-By', 'Express');
      plain(req, res, () => res.end('ok'));
    });
    await new Promise<void>((resolve) => direct.listen(0, '127.0.0.1', resolve));
    directPort = (direct.address() as AddressInfo).port;
  });
  afterAll(() => {
    cached.server.close();
    direct.close();
  });

  it('sets the headers helmet sets, for each Host its own', async () => {
    for (const host of ['observatory.local:8090', '192.168.1.20:8090', 'observatory.local:8090']) {
      const expected = await headersOf(directPort, host);
      expect(expected['content-security-policy']).toContain(`connect-src 'self' ws://${host}`);
      expect(expected['x-powered-by']).toBeUndefined();
      expect(await headersOf(cached.port, host)).toEqual(expected);
    }
  });

  it('runs helmet once per Host, not once per request', async () => {
    const before = cached.calls();
    for (let i = 0; i < 5; i++) await headersOf(cached.port, 'dome.local');
    expect(cached.calls() - before).toBe(1);
  });

  it('lets a middleware that does not finish at once answer the request itself', async () => {
    const late: Middleware = (_req, res, next) => {
      res.setHeader('X-Late', 'yes');
      setImmediate(() => next());
    };
    const s = await serve(late);
    try {
      expect((await headersOf(s.port, 'a'))['x-late']).toBe('yes');
      expect((await headersOf(s.port, 'a'))['x-late']).toBe('yes');
    } finally {
      s.server.close();
    }
  });
});
