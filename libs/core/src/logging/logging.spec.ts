import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultLogDestination, readableMessage, redactUrl, requestId } from './logging';

describe('redactUrl', () => {
  it('replaces credentials in the query string and keeps the rest', () => {
    expect(redactUrl('/v2/api/equipment/camera/info?api_key=s3cret&x=1')).toBe('/v2/api/equipment/camera/info?api_key=%5BRedacted%5D&x=1');
    expect(redactUrl('/a?API_KEY=s3cret')).not.toContain('s3cret');
    expect(redactUrl('/plain?x=1')).toBe('/plain?x=1');
    expect(redactUrl('/plain')).toBe('/plain');
  });
});

describe('requestId', () => {
  const res = () => {
    const headers: Record<string, string> = {};
    return { headers, setHeader: (k: string, v: string) => (headers[k] = v) } as unknown as ServerResponse & { headers: Record<string, string> };
  };

  it('keeps a sane incoming X-Request-Id and echoes it', () => {
    const r = res();
    expect(requestId({ headers: { 'x-request-id': 'abc-123' } } as unknown as IncomingMessage, r)).toBe('abc-123');
    expect(r.headers['X-Request-Id']).toBe('abc-123');
  });

  it('replaces an unsafe or missing one with a UUID', () => {
    const id = requestId({ headers: { 'x-request-id': 'bad id\nInjected: yes' } } as unknown as IncomingMessage, res());
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('defaultLogDestination', () => {
  it('writes JSON (pino default) when stdout is not a terminal', () => {
    expect(defaultLogDestination({ isTTY: false })).toBeUndefined();
  });

  it('writes readable lines through pino-pretty on a terminal', () => {
    const stream = defaultLogDestination({ isTTY: true });
    expect(stream).toBeDefined();
    expect(typeof stream?.write).toBe('function');
  });
});

describe('readableMessage', () => {
  it('shows a request as method, URL, status and time', () => {
    expect(readableMessage({ req: { method: 'GET', url: '/health' }, res: { statusCode: 200 }, responseTime: 3, msg: 'request completed' }, 'msg')).toBe('GET /health → 200 (3 ms)');
  });

  it('prefixes other lines with their context', () => {
    expect(readableMessage({ context: 'Skygate', msg: 'listening' }, 'msg')).toBe('[Skygate] listening');
    expect(readableMessage({ msg: 'plain' }, 'msg')).toBe('plain');
  });
});
