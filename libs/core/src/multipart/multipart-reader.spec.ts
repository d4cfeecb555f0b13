import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MultipartError } from './multipart-headers';
import { bufferPart, discardPart, MultipartAbortedError, MultipartTooLargeError, readMultipart, type PartHandler } from './multipart-reader';

const B = 'reader-boundary';
const part = (name: string, filename: string | undefined, content: string) =>
  `--${B}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n${content}\r\n`;

/** A real HTTP server whose only route runs readMultipart with the handler of the test. */
describe('readMultipart', () => {
  let server: Server;
  let port: number;
  let onRequest: (req: IncomingMessage) => Promise<unknown>;
  let outcome: Promise<unknown>;

  beforeAll(async () => {
    server = createServer((req, res) => {
      outcome = onRequest(req).then(
        (value) => ({ ok: value }),
        (err: unknown) => ({ failed: err }),
      );
      void outcome.then(() => res.end('done'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  /** Sends the body (Content-Length unless chunked); `abort` destroys the request after writing. */
  async function send(body: string, options: { contentType?: string; chunked?: boolean; abort?: boolean } = {}): Promise<unknown> {
    const headers: Record<string, string> = { 'Content-Type': options.contentType ?? `multipart/form-data; boundary=${B}` };
    if (!options.chunked) headers['Content-Length'] = String(options.abort ? body.length + 1000 : Buffer.byteLength(body));
    const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/', headers });
    req.on('error', () => undefined);
    req.on('response', (res) => res.resume());
    req.write(body);
    if (options.abort) setTimeout(() => req.destroy(), 100);
    else req.end();
    await new Promise((r) => setTimeout(r, 20));
    while (!outcome) await new Promise((r) => setTimeout(r, 10));
    const result = await outcome;
    outcome = undefined as unknown as Promise<unknown>;
    return result;
  }

  const collectingParts = (seen: Record<string, string>, what: Record<string, string> = {}): PartHandler =>
    async ({ name }, body) => {
      seen[name ?? ''] = (await bufferPart(body, 1024, `the part "${name}"`)).toString();
      what[name ?? ''] = 'read';
    };

  it('hands each part over in order and resolves once every handler is done', async () => {
    const seen: Record<string, string> = {};
    onRequest = (req) => readMultipart(req, { maxBodyBytes: 1e6, onPart: collectingParts(seen) });
    expect(await send(part('a', undefined, 'one') + part('b', 'b.bin', 'two\r\n--not') + `--${B}--`)).toEqual({ ok: undefined });
    expect(seen).toEqual({ a: 'one', b: 'two\r\n--not' });
  });

  it('rejects a body cut inside a part only after the handler has seen its stream fail and cleaned up', async () => {
    const events: string[] = [];
    onRequest = (req) =>
      readMultipart(req, {
        maxBodyBytes: 1e6,
        onPart: async (_h, body) => {
          await body.toArray().catch(async (err: Error) => {
            events.push(`stream failed: ${err.message}`);
            await new Promise((r) => setTimeout(r, 50));
            events.push('cleaned up');
            throw err;
          });
        },
      }).finally(() => events.push('settled'));
    for (const chunked of [false, true]) {
      events.length = 0;
      const result = (await send(part('file', 'f.fits', 'data') .slice(0, -2) + 'more', { chunked })) as { failed: Error };
      expect(result.failed).toBeInstanceOf(MultipartError);
      expect(result.failed.message).toBe('the multipart body ended before its closing boundary');
      expect(events).toEqual(['stream failed: the multipart body ended before its closing boundary', 'cleaned up', 'settled']);
    }
  });

  it('says why a body is not multipart, is too large, is malformed, or was abandoned', async () => {
    onRequest = (req) => readMultipart(req, { maxBodyBytes: 1e6, onPart: (_h, body) => discardPart(body) });
    expect(((await send('{}', { contentType: 'application/json' })) as { failed: Error }).failed.message).toBe('the body must be multipart/form-data, not "application/json"');
    expect(((await send(`--${B}\r\nnot a header\r\n\r\nx\r\n--${B}--`)) as { failed: Error }).failed.message).toBe('malformed part header line "not a header"');

    onRequest = (req) => readMultipart(req, { maxBodyBytes: 100, onPart: (_h, body) => discardPart(body) });
    const tooLarge = (await send(part('file', 'f', 'x'.repeat(500)) + `--${B}--`, { chunked: true })) as { failed: MultipartTooLargeError };
    expect(tooLarge.failed).toBeInstanceOf(MultipartTooLargeError);
    expect(tooLarge.failed.limitBytes).toBe(100);

    onRequest = (req) => readMultipart(req, { maxBodyBytes: 1e6, onPart: (_h, body) => discardPart(body) });
    expect(((await send(part('file', 'f', 'partial').slice(0, -2), { abort: true })) as { failed: Error }).failed).toBeInstanceOf(MultipartAbortedError);
  });

  it('passes a handler rejection on as it is and stops reading', async () => {
    const refused = new Error('refused by the route');
    let later = 0;
    onRequest = (req) =>
      readMultipart(req, {
        maxBodyBytes: 1e6,
        onPart: ({ name }, body) => {
          if (name === 'first') throw refused;
          later++;
          discardPart(body);
        },
      });
    expect(await send(part('first', undefined, 'x') + part('second', 'f', 'y'.repeat(100_000)) + `--${B}--`)).toEqual({ failed: refused });
    expect(later).toBe(0);
  });

  it('refuses a small part past its limit', async () => {
    onRequest = (req) => readMultipart(req, { maxBodyBytes: 1e6, onPart: collectingParts({}) });
    const result = (await send(part('meta', undefined, 'm'.repeat(2000)) + `--${B}--`)) as { failed: Error };
    expect(result.failed).toBeInstanceOf(MultipartError);
    expect(result.failed.message).toBe('the part "meta" is larger than 1024 bytes');
  });
});
