import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import { requestId } from './logging';

/** Status → level of the access log line, as pino-http's customLogLevel (loggerParams) decides it. */
export function accessLogLevel(res: ServerResponse, err?: Error): Level {
  return err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
}

const LEVELS = new Set<string | symbol>(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/**
 * A logger that becomes `root.child({ req })` on first use. pino serialises a child's bindings
 * when the child is made (the request with its headers, through the redaction), ~40 µs a request,
 * while most requests log nothing at the configured level: a call at a disabled level goes to the
 * root's no-op and makes nothing.
 */
function lazyRequestLogger(root: Logger, make: () => Logger): Logger {
  return new Proxy(root, {
    get(target, prop) {
      if (LEVELS.has(prop) && !target.isLevelEnabled(prop as Level)) return Reflect.get(target, prop);
      const child = make();
      const value = Reflect.get(child, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(child) : value;
    },
    set(_target, prop, value) {
      return Reflect.set(make(), prop, value);
    },
  });
}

type LoggedRequest = IncomingMessage & { id?: string; log?: Logger; originalUrl?: string };
type LoggedResponse = ServerResponse & { log?: Logger; err?: Error };

/**
 * The access log, written as pino-http wrote it (same lines, same fields, same levels: `req`
 * through the root's serializers and redaction, `res`, `responseTime`, "request completed" /
 * "request errored"), with the request id echoed in X-Request-Id, but without pino-http's per-request
 * child logger: the `req` binding is made only when a line is written (the line's level is
 * enabled, or something inside the request logs). `req.log` is that lazy logger; nestjs-pino's
 * `useExisting` puts it in the request's logging context.
 */
export function requestLogging(root: Logger): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (request, response, next) => {
    const req = request as LoggedRequest;
    const res = response as LoggedResponse;
    req.id = requestId(req, res);
    const started = Date.now();
    let child: Logger | undefined;
    const make = () => (child ??= root.child({ req }));
    req.log = res.log = lazyRequestLogger(root, make);
    let done = false;
    const complete = (err?: Error) => {
      if (done) return;
      done = true;
      const level = accessLogLevel(res, err);
      if (!root.isLevelEnabled(level)) return;
      const responseTime = Date.now() - started;
      if (err || res.err || res.statusCode >= 500) {
        const error = err ?? res.err ?? new Error(`failed with status code ${res.statusCode}`);
        make()[level]({ res, err: error, responseTime }, 'request errored');
      } else {
        make()[level]({ res, responseTime }, 'request completed');
      }
    };
    // 'close' follows 'finish' (a tick later) or an abort, so it alone ends every request; two
    // listeners and a flag instead of pino-http's three added and removed: ~6-9 µs less a request
    // (bench/README.md, 2026-12-01). The error listener stays, so a late 'error' is never unhandled.
    res.on('close', complete);
    res.on('error', complete);
    next();
  };
}
