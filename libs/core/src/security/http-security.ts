import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';

/** The request headers that carry the credential forms of the five families, plus the body type. */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'X-API-KEY', 'X-Arcsecond-API-Authorization', 'Content-Type', 'Accept'];
const HOST_HEADER = /^[A-Za-z0-9.:[\]-]+$/;

type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
type HeaderValue = string | number | readonly string[];
/** A header the middleware set, or removed (undefined: helmet takes X-Powered-By off). */
type RecordedHeader = [string, HeaderValue | undefined];
/** Host names a server answers to are few (its names and addresses); forged ones only refill the cache. */
const MAX_CACHED_HOSTS = 64;

/**
 * helmet's headers depend on the request only through its Host (the CSP's websocket sources), so
 * they are worked out once per Host and then set in one pass: helmet itself runs 11 middlewares and
 * rebuilds the CSP string on every request (~10 µs each here, bench/request-path.js).
 */
export function cachedPerHost(middleware: HeaderMiddleware): HeaderMiddleware {
  const byHost = new Map<string, RecordedHeader[]>();
  return (req, res, next) => {
    const host = req.headers.host ?? '';
    let headers = byHost.get(host);
    if (!headers) {
      const recorded: RecordedHeader[] = [];
      let finished = false;
      const recorder = { setHeader: (name: string, value: HeaderValue) => recorded.push([name, value]), removeHeader: (name: string) => recorded.push([name, undefined]) };
      middleware(req, recorder as unknown as ServerResponse, (err?: unknown) => (finished = err === undefined));
      if (!finished) return middleware(req, res, next); // not worked out at once: let it answer this request itself
      if (byHost.size >= MAX_CACHED_HOSTS) byHost.clear();
      byHost.set(host, (headers = recorded));
    }
    for (const [name, value] of headers) {
      if (value === undefined) res.removeHeader(name);
      else res.setHeader(name, value);
    }
    next();
  };
}

/** `ws://` and `wss://` of the host the page was loaded from (browsers before CSP 3 do not count them as 'self'). */
function sameHostSockets(req: IncomingMessage): string {
  const host = req.headers.host;
  return host && HOST_HEADER.test(host) ? `ws://${host} wss://${host}` : '';
}

/**
 * Security headers on every response (helmet): nosniff, frame-ancestors 'self' / X-Frame-Options,
 * Referrer-Policy no-referrer, and a CSP that fits the Swagger UI at /api (its scripts are served
 * here; it uses inline styles and data: icons) and a Vite-built dashboard at / (scripts and styles
 * from 'self', connect-src 'self' plus websockets of the same host). No HSTS and no
 * upgrade-insecure-requests: Skygate usually runs on plain http in an observatory's network; a
 * TLS proxy in front decides. Images stay embeddable by other sites (allsky pictures are).
 * CORS (CORS_ORIGINS) answers preflights with 204 and allows the credential headers.
 */
export function applyHttpSecurity(app: INestApplication, config: AppConfig): void {
  app.use(
    cachedPerHost(
      helmet({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", 'data:', 'blob:'],
            fontSrc: ["'self'", 'data:'],
            connectSrc: ["'self'", (req) => sameHostSockets(req)],
            objectSrc: ["'none'"],
            baseUri: ["'self'"],
            formAction: ["'self'"],
            frameAncestors: ["'self'"],
          },
        },
        strictTransportSecurity: false,
        crossOriginResourcePolicy: { policy: 'cross-origin' },
        referrerPolicy: { policy: 'no-referrer' },
      }),
    ),
  );
  const origins = config.auth.corsOrigins;
  if (origins === '*' || origins.length > 0) {
    app.enableCors({
      origin: origins === '*' ? '*' : origins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: ['Retry-After', 'Content-Disposition'],
      credentials: false,
      maxAge: 600,
      optionsSuccessStatus: 204,
    });
  }
}
