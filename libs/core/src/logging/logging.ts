import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { createRequire } from 'node:module';
import type { LogLevel } from '../config/app-config';
import type { RecentLogs } from './recent-logs';

/** Headers and query parameters that carry credentials in any of the five wire contracts. */
export const SECRET_HEADERS = ['authorization', 'cookie', 'x-api-key', 'x-arcsecond-api-authorization', 'proxy-authorization'];
export const SECRET_QUERY_PARAMS = ['api_key', 'apikey', 'token', 'access_token'];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's X-Request-Id when it is sane, otherwise makes one; echoed in the response. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The URL as logged: secret query parameters replaced by [Redacted]. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const key of Array.from(params.keys())) { // a copy: set() below changes the list
    if (SECRET_QUERY_PARAMS.includes(key.toLowerCase())) {
      params.set(key, '[Redacted]');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}

/**
 * The root logger's options (pino-http's, for its serializers: `req` with credentials redacted,
 * `res`, `err`); each line is also kept in `recent`. The access log and request ids are
 * requestLogging's (request-logging.ts), so nestjs-pino mounts no pino-http middleware of its own
 * (`useExisting`) and only puts each request's logger in its logging context.
 */
export function loggerParams(level: LogLevel, destination?: DestinationStream, recent?: RecentLogs): Params {
  const options = {
    level,
    hooks: recent ? { streamWrite: (line: string) => (recent.record(line), line) } : undefined,
    redact: {
      paths: [...SECRET_HEADERS.map((h) => `req.headers["${h}"]`), 'res.headers["set-cookie"]'],
      censor: '[Redacted]',
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown>; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        headers: req.headers,
        remoteAddress: req.remoteAddress,
      }),
    },
  } as const;
  return { pinoHttp: destination ? [options, destination] : options, useExisting: true } as Params;
}

interface RequestLogLine {
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  context?: string;
  [key: string]: unknown;
}

/** One readable line per entry: requests as "GET /path → 200 (3 ms)", others as "[Context] message". */
export function readableMessage(log: RequestLogLine, messageKey: string): string {
  if (log.req && log.res) return `${log.req.method} ${log.req.url} → ${log.res.statusCode} (${log.responseTime ?? '?'} ms)`;
  const message = String(log[messageKey] ?? '');
  return log.context ? `[${log.context}] ${message}` : message;
}

/**
 * Where log lines go when nobody chose: readable colour lines for a person at a terminal
 * (pino-pretty), JSON lines for journald, Docker and log shippers (stdout is then not a TTY).
 */
export function defaultLogDestination(stdout: { isTTY?: boolean } = process.stdout): DestinationStream | undefined {
  if (!stdout.isTTY) return undefined;
  // Loaded only for a terminal: a service's start-up does not pay for it.
  const pretty = createRequire(__filename)('pino-pretty') as typeof import('pino-pretty');
  return pretty({
    colorize: true,
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,req,res,responseTime,context',
    messageFormat: (log, messageKey) => readableMessage(log as RequestLogLine, messageKey),
  });
}
