import { connect } from 'node:net';

/** An answer read off the socket, or a socket the server closed without one. */
export type RawOutcome = { status: number; headers: Record<string, string>; body: string } | { closed: true; error?: string };

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Written as they are, one write each; with `chunked`, each is framed as one chunk. */
  body: Buffer[];
  /** Transfer-Encoding: chunked; `end: false` leaves out the last (zero) chunk. */
  chunked?: boolean;
  /** false: the request stays open after the body (with a Content-Length larger than what was sent). */
  end?: boolean;
  /** Destroy the socket this many ms after the last write, as a client that gives up mid-body. */
  destroyAfterMs?: number;
}

/**
 * Sends an HTTP/1.1 request byte by byte over a plain socket, so bodies can be truncated, cut
 * mid-chunk or abandoned in ways an HTTP client library refuses to produce.
 */
export function rawRequest(port: number, req: RawRequest, timeoutMs = 30_000): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${req.method} ${req.path} within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (outcome: RawOutcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    let error: string | undefined;
    socket.on('error', (err: NodeJS.ErrnoException) => (error = err.code)); // a reset after the answer, or the server dropping us: 'close' follows
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parseResponse(received);
      if (parsed) finish(parsed);
    });
    socket.on('close', () => finish(parseResponse(received) ?? { closed: true, error }));
    socket.on('connect', () => {
      const headers = { Host: `127.0.0.1:${port}`, ...req.headers, ...(req.chunked ? { 'Transfer-Encoding': 'chunked' } : {}) };
      socket.write(`${req.method} ${req.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
      for (const piece of req.body) socket.write(req.chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece);
      if (req.chunked && req.end !== false) socket.write('0\r\n\r\n');
      if (req.destroyAfterMs !== undefined) setTimeout(() => finish(parseResponse(received) ?? { closed: true }), req.destroyAfterMs);
    });
  });
}

/** A complete response (Content-Length or chunked), or undefined while more is needed. */
function parseResponse(data: Buffer): { status: number; headers: Record<string, string>; body: string } | undefined {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine, ...lines] = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
  const status = Number(statusLine.split(' ')[1]);
  let rest = data.subarray(headEnd + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    const pieces: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      if (lineEnd < 0) return undefined;
      const size = parseInt(rest.subarray(0, lineEnd).toString(), 16);
      if (rest.length < lineEnd + 2 + size + 2) return undefined;
      if (size === 0) return { status, headers, body: Buffer.concat(pieces).toString('utf8') };
      pieces.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
  }
  const length = Number(headers['content-length'] ?? 0);
  if (rest.length < length) return undefined;
  return { status, headers, body: rest.subarray(0, length).toString('utf8') };
}
