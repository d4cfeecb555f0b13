import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { V8_MAJOR } from '../runtime/v8-footprint';

/** Node's http classes are old-style constructor functions (Node 20-24), which can be called on a new `this`. */
type CallableConstructor = (this: object, first: unknown, second: unknown) => void;

/**
 * A constructor whose instances are born with `prototype`: Node's http server builds every request
 * and response through it (the `IncomingMessage` / `ServerResponse` server options). `base.call`
 * on the new `this`, not `Reflect.construct(base, args, new.target)`: on Node 20 that path built
 * each response in ~40 µs (a bare Express route: 15k requests in 4 s against 83k).
 */
function bornWith(base: unknown, prototype: object): unknown {
  const init = base as CallableConstructor;
  // Two fixed parameters cover both: IncomingMessage(socket), ServerResponse(req, options).
  function Typed(this: object, first: unknown, second: unknown): void {
    init.call(this, first, second);
  }
  Typed.prototype = prototype;
  return Typed;
}

/** False once Node makes these ES classes, which cannot be called without `new`; Nest's server is used then. */
function callable(base: unknown): boolean {
  return typeof base === 'function' && !Function.prototype.toString.call(base).startsWith('class');
}

/**
 * V8 13 (Node 24) handles the re-prototyping well and builds objects through these constructors
 * slower: a bare Express route on Node 24 answered 120k requests in 4 s plain and 71k born-typed,
 * where Node 22 (V8 12) answered 25k and 91k, Node 20 (V8 11) 25k and 87k.
 */
export const BORN_TYPED_HELPS = V8_MAJOR < 13;

/**
 * Express 5 gives every request and response its app's prototypes (`app.request`, `app.response`)
 * with `Object.setPrototypeOf` in `app.handle`. On Node 20 (V8 11.3) the re-prototyped objects
 * then survive young-generation collections and are promoted: a bare Express route answered
 * 25k requests in 4 s at 50 connections against 87k once they were born with those prototypes,
 * which makes Express's `setPrototypeOf` a no-op (`bench/request-path.js`; README, issue 19).
 * Only where that helps (BORN_TYPED_HELPS); elsewhere Nest's own server is used.
 */
export class PrototypedExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: Parameters<ExpressAdapter['initHttpServer']>[0]): void {
    // TLS and Nest's connection tracking stay Nest's own (Skygate uses neither; TLS belongs to a proxy).
    const own = !options?.httpsOptions && !options?.return503OnClosing && !options?.forceCloseConnections;
    if (!own || !BORN_TYPED_HELPS || !callable(IncomingMessage) || !callable(ServerResponse)) return super.initHttpServer(options);
    const app = this.getInstance<Express>();
    this.httpServer = createServer(
      {
        IncomingMessage: bornWith(IncomingMessage, app.request) as typeof IncomingMessage,
        ServerResponse: bornWith(ServerResponse, app.response) as typeof ServerResponse,
      },
      app,
    );
  }
}
