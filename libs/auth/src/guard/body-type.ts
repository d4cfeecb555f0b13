import type { Request } from 'express';

/**
 * The body types an HTML form (or a no-cors fetch) can send to another site without a CORS
 * preflight. A route that takes JSON refuses them (415), so a hostile page cannot make a
 * browser post to it; a route that really accepts one says so with @ApiConsumes.
 */
const CROSS_SITE_BODY_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** The simple cross-site body type this request carries and the route does not consume, if any. */
export function unexpectedFormBody(req: Pick<Request, 'headers'>, consumes: readonly string[]): string | undefined {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  const type = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (!hasBody || !type || !CROSS_SITE_BODY_TYPES.includes(type)) return undefined;
  return consumes.some((c) => c.toLowerCase() === type) ? undefined : type;
}
