import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { loggerParams } from './logging';
import { RecentLogs } from './recent-logs';
import { requestLogging } from './request-logging';

/** The root logger as nestjs-pino builds it from loggerParams (pino-http's serializers), lines captured. */
function rootLogger(level: 'info' | 'warn'): { root: Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const destination = new Writable({ write: (chunk, _e, done) => (out.push(String(chunk)), done()) });
  const params = loggerParams(level, destination as never, new RecentLogs(10));
  const [options] = params.pinoHttp as [object];
  const root = pinoHttp(options as never, destination as never).logger as unknown as Logger;
  return { root, lines: () => out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

async function serve(root: Logger, handler: (req: IncomingMessage & { log: Logger }, res: ServerResponse) => void): Promise<{ server: Server; base: string }> {
  const logging = requestLogging(root);
  const server = createServer((req, res) => logging(req, res, () => handler(req as IncomingMessage & { log: Logger }, res)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('requestLogging', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('writes the access line as pino-http did: req (credentials redacted), res, responseTime, at info for a 200', async () => {
    const { root, lines } = rootLogger('info');
    const s = await serve(root, (_req, res) => res.end('{}'));
    server = s.server;
    const res = await fetch(`${s.base}/x?api_key=secret-1`, { headers: { 'x-request-id': 'trace-1', 'x-api-key': 'secret-2' } });
    expect(res.headers.get('x-request-id')).toBe('trace-1');
    await settle();
    const [line] = lines();
    expect(line).toMatchObject({ level: 30, msg: 'request completed', req: { id: 'trace-1', method: 'GET', url: '/x?api_key=%5BRedacted%5D' }, res: { statusCode: 200 } });
    expect(typeof line.responseTime).toBe('number');
    expect((line.req as { headers: Record<string, string> }).headers['x-api-key']).toBe('[Redacted]');
    expect(JSON.stringify(line)).not.toContain('secret-');
  });

  it('writes one line per request: for an answer on a kept-alive connection, and for a client gone before its answer', async () => {
    const { root, lines } = rootLogger('info');
    let gone: (() => void) | undefined;
    const s = await serve(root, (req, res) => {
      if (req.url === '/slow') gone = () => res.end('late'); // answered after the client left
      else res.end('{}');
    });
    server = s.server;
    await (await fetch(`${s.base}/a`)).text();
    await (await fetch(`${s.base}/b`)).text(); // same connection (keep-alive): 'close' of the response, not the socket
    const abort = new AbortController();
    const slow = fetch(`${s.base}/slow`, { signal: abort.signal }).catch(() => 'aborted');
    while (!gone) await settle();
    abort.abort();
    expect(await slow).toBe('aborted');
    await settle();
    gone();
    await settle();
    const urls = lines().map((l) => (l.req as { url: string }).url);
    expect(urls.sort()).toEqual(['/a', '/b', '/slow']);
  });

  it('makes a request id when none came, and writes nothing for a 200 at LOG_LEVEL=warn', async () => {
    const { root, lines } = rootLogger('warn');
    const child = jest.spyOn(root, 'child');
    const s = await serve(root, (req, res) => {
      req.log.info('below the level'); // goes nowhere and makes no child
      res.end('{}');
    });
    server = s.server;
    const res = await fetch(`${s.base}/ok`);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await settle();
    expect(lines()).toEqual([]);
    expect(child).not.toHaveBeenCalled();
  });

  it('logs 4xx at warn and 5xx at error ("request errored") at LOG_LEVEL=warn', async () => {
    const { root, lines } = rootLogger('warn');
    const s = await serve(root, (req, res) => {
      res.statusCode = req.url === '/missing' ? 404 : 503;
      res.end('{}');
    });
    server = s.server;
    await fetch(`${s.base}/missing`);
    await fetch(`${s.base}/broken`);
    await settle();
    const [notFound, failed] = lines();
    expect(notFound).toMatchObject({ level: 40, msg: 'request completed', req: { url: '/missing' }, res: { statusCode: 404 } });
    expect(failed).toMatchObject({ level: 50, msg: 'request errored', req: { url: '/broken' }, res: { statusCode: 503 }, err: { message: 'failed with status code 503' } });
  });

  it("gives lines logged inside the request the request's bindings", async () => {
    const { root, lines } = rootLogger('warn');
    const s = await serve(root, (req, res) => {
      req.log.warn({ context: 'Probe' }, 'inside');
      res.end('{}');
    });
    server = s.server;
    await fetch(`${s.base}/inside`, { headers: { 'x-request-id': 'trace-2' } });
    await settle();
    expect(lines()).toEqual([expect.objectContaining({ level: 40, msg: 'inside', context: 'Probe', req: expect.objectContaining({ id: 'trace-2', url: '/inside' }) })]);
  });
});
