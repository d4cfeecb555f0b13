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
/** `/v2/api/equipment/camera/...`: four words pick one ninaAPI device's routes out of 110 (camera/info: 0.80 → 0.81 of /health/live). */
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
 * This replaces every run of consecutive route layers with one layer that picks, by the request's
 * first path segment, a router holding only that segment's layers in their order (indexed the same
 * way by the next segment, down to MAX_DEPTH; a request that finds nothing there goes on, in order). Only layers that cannot match each other's requests
 * change places, and every middleware stays where it was, so which handler answers is unchanged
 * (OPTIONS included, as long as the stack ends in a handler that answers every request, as Nest's
 * 404 handler does). Returns the number of layers of the application's router before and after.
 */
export function indexRoutesBySegment(router: AppRouter): { before: number; after: number } {
  const caseSensitive = router.caseSensitive === true;
  const before = router.stack.length;
  router.stack = indexStack(router.stack, 1, caseSensitive);
  return { before, after: router.stack.length };
}

function indexStack(layers: RouteLayer[], depth: number, caseSensitive: boolean): RouteLayer[] {
  const stack: RouteLayer[] = [];
  let run: Keyed[] = [];
  const flush = () => {
    if (run.length < MIN_RUN) stack.push(...run.map((r) => r.layer));
    else stack.push(...dispatch(run, depth, caseSensitive));
    run = [];
  };
  for (const layer of layers) {
    const segment = segmentOf(layer, depth, caseSensitive);
    if (segment === undefined) {
      flush();
      stack.push(layer);
    } else run.push({ segment, layer });
  }
  flush();
  return stack;
}

/** One dispatcher layer for a run, or, when the whole run shares its word (`api` of `/v2/api/...`), the run indexed one segment deeper. */
function dispatch(run: Keyed[], depth: number, caseSensitive: boolean): RouteLayer[] {
  const layers = run.map((r) => r.layer);
  if (run.every((r) => r.segment === run[0].segment)) return depth < MAX_DEPTH ? indexStack(layers, depth + 1, caseSensitive) : layers;
  const routers = (keyed: Keyed[]) => {
    const bySegment = new Map<string, SubRouter>();
    for (const { segment, layer } of keyed) {
      let group = bySegment.get(segment);
      if (!group) bySegment.set(segment, (group = Router() as unknown as SubRouter));
      group.stack.push(layer);
    }
    if (depth < MAX_DEPTH) for (const group of bySegment.values()) group.stack = indexStack(group.stack, depth + 1, caseSensitive);
    return bySegment;
  };
  const bySegment = routers(run);
  // An OPTIONS request meets only the routes that answer OPTIONS (Nest's middleware routes, @All):
  // a router whose routes matched the path without answering would reply with its own Allow list
  // where the application's router goes on to Nest's 404 handler.
  const optionsBySegment = routers(run.filter(({ layer }) => layer.route!._handlesMethod('OPTIONS')));
  const pick = (req: Request, res: Response, next: NextFunction) => {
    const group = (req.method === 'OPTIONS' ? optionsBySegment : bySegment).get(requestSegment(req.url, depth, caseSensitive));
    if (group) group(req, res, next);
    else next();
  };
  const holder = Router() as unknown as SubRouter & { use(fn: unknown): void };
  holder.use(pick);
  return holder.stack;
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
