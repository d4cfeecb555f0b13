import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Router, type NextFunction, type Request, type Response } from 'express';

/** What the index reads of Express 5's router layers (the `router` package's Layer and Route). */
interface RouteLayer {
  route?: { path: unknown; _handlesMethod(method: string): boolean };
}
type SubRouter = ((req: Request, res: Response, next: NextFunction) => void) & { stack: RouteLayer[] };
interface AppRouter {
  stack: RouteLayer[];
  caseSensitive?: boolean;
}
interface Keyed {
  segment: string;
  layer: RouteLayer;
}

const LITERAL_SEGMENT = /^[A-Za-z0-9._~-]+$/;
/** Shorter runs are left as they are: a dispatcher costs about as much as trying a few layers. */
const MIN_RUN = 8;
/** `/v2/api/equipment/camera/...`: four words pick one ninaAPI device's routes out of its 110 (three words: camera/info 0.796 of /health/live, four: 0.807-0.818). */
const MAX_DEPTH = 4;

/**
 * Segment `depth` (1 = first) of a route layer's path when it is a plain word: `/v2/api/x`, 2 → `api`.
 * Undefined (the layer stays where it is) for a pattern there (`/:portal/...`, `/{*path}`), a
 * shorter path, a list of paths, or a middleware layer. Inside a group of segment d the segments
 * before d are plain words, so segment positions in the pattern and in the request line up.
 */
function segmentOf(layer: RouteLayer, depth: number, caseSensitive: boolean): string | undefined {
  const route = layer.route;
  if (!route || typeof route.path !== 'string' || !route.path.startsWith('/')) return undefined;
  const segment = route.path.split('/')[depth];
  if (!segment || !LITERAL_SEGMENT.test(segment)) return undefined;
  return caseSensitive ? segment : segment.toLowerCase();
}

/** The raw segment `depth` of a request URL (`/v2/api/x?y`, 1 → `v2`); route words are ASCII, so ASCII folding is exact. */
export function requestSegment(url: string, depth: number, caseSensitive: boolean): string {
  let start = 1;
  for (let d = 1; ; d++) {
    let end = start;
    while (end < url.length) {
      const c = url.charCodeAt(end);
      if (c === 0x2f || c === 0x3f || c === 0x23) break;
      end++;
    }
    if (d === depth) {
      const segment = url.slice(start, end);
      return caseSensitive ? segment : segment.toLowerCase();
    }
    if (url.charCodeAt(end) !== 0x2f) return '';
    start = end + 1;
  }
}

/**
 * Express tries its routes one after another: a request for `/v2/api/equipment/camera/info` was
 * matched against ~350 route patterns before its own (~30 µs of each request, bench/equipment-http.js).
 * This replaces each run of consecutive route layers, and everything after it, with one layer that
 * picks by the request's path segment a router holding that segment's routes (indexed the same way
 * by the next segment, down to MAX_DEPTH) followed by everything after the run. Only layers that
 * cannot match the request are left out, every other layer keeps its order and every middleware its
 * place, so the same handler answers. One difference remains where it cannot show: a router that
 * runs out of layers answers OPTIONS itself with the methods of the routes it met, and a sub-router
 * has not met those before it; Nest ends the stack with its 404 handler, so no router runs out.
 * Returns the number of layers of the application's router before and after.
 */
export function indexRoutesBySegment(router: AppRouter): { before: number; after: number } {
  const caseSensitive = router.caseSensitive === true;
  const before = router.stack.length;
  router.stack = indexStack(router.stack, 1, [], caseSensitive);
  return { before, after: router.stack.length };
}

/** A stack that handles every request as `[...layers, ...after]` would (`after` is indexed already). */
function indexStack(layers: RouteLayer[], depth: number, after: RouteLayer[], caseSensitive: boolean): RouteLayer[] {
  const keyed = layers.map((layer) => ({ segment: segmentOf(layer, depth, caseSensitive), layer }));
  for (let i = 0; i < keyed.length; ) {
    let j = i;
    while (j < keyed.length && keyed[j].segment !== undefined) j++;
    if (j - i < MIN_RUN) {
      i = j + 1;
      continue;
    }
    const run = keyed.slice(i, j) as Keyed[];
    const rest = indexStack(layers.slice(j), depth, after, caseSensitive);
    const runLayers = run.map((r) => r.layer);
    // The whole run shares its word (`api` of `/v2/api/...`): nothing to pick here, the next word decides.
    if (run.every((r) => r.segment === run[0].segment)) {
      return [...layers.slice(0, i), ...(depth < MAX_DEPTH ? indexStack(runLayers, depth + 1, rest, caseSensitive) : [...runLayers, ...rest])];
    }
    return [...layers.slice(0, i), ...dispatcher(run, rest, depth, caseSensitive)];
  }
  return [...layers, ...after];
}

function routerOf(stack: RouteLayer[]): SubRouter {
  const router = Router() as unknown as SubRouter;
  router.stack = stack;
  return router;
}

/** Where an error that reached a dispatcher waits for the first layer of the router it is handed to. */
const PENDING_ERROR = Symbol('skygate.routeIndex.pendingError');
type ErrorCarrier = Request & { [PENDING_ERROR]?: unknown };

/**
 * The layers for a run and what follows it (`rest`): by segment `depth` of the request, the run's
 * layers with that word, then `rest`; a word the run does not have goes straight to `rest`.
 * An error raised before these layers skips the run's routes (routes never see a pending error) and
 * goes through `rest`, as it did.
 */
function dispatcher(run: Keyed[], rest: RouteLayer[], depth: number, caseSensitive: boolean): RouteLayer[] {
  const bySegment = new Map<string, RouteLayer[]>();
  for (const { segment, layer } of run) {
    const layers = bySegment.get(segment);
    if (layers) layers.push(layer);
    else bySegment.set(segment, [layer]);
  }
  const routers = new Map<string, SubRouter>();
  for (const [segment, layers] of bySegment) {
    routers.set(segment, routerOf(depth < MAX_DEPTH ? indexStack(layers, depth + 1, rest, caseSensitive) : [...layers, ...rest]));
  }
  const restRouter = routerOf(rest);
  const holder = Router() as unknown as SubRouter & { use(fn: unknown): void };
  holder.use((req: ErrorCarrier, _res: Response, next: NextFunction) => {
    const err = req[PENDING_ERROR];
    delete req[PENDING_ERROR];
    next(err);
  });
  const errorRouter = routerOf([holder.stack[0], ...rest]);
  // Error first: a 4-argument layer is skipped by requests without an error, a 3-argument one by errors.
  holder.use((err: unknown, req: ErrorCarrier, res: Response, next: NextFunction) => {
    req[PENDING_ERROR] = err;
    errorRouter(req, res, next);
  });
  holder.use((req: Request, res: Response, next: NextFunction) => {
    (routers.get(requestSegment(req.url, depth, caseSensitive)) ?? restRouter)(req, res, next);
  });
  return holder.stack.slice(1);
}

/** Indexes the application's routes once Nest has registered them all (routes, then its 404 and error handlers). */
@Injectable()
export class RouteIndex implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const router = (this.adapterHost.httpAdapter?.getInstance() as { router?: AppRouter } | undefined)?.router;
    if (router?.stack) indexRoutesBySegment(router);
  }
}
