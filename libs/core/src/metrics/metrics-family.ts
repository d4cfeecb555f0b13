import type { ServerResponse } from 'node:http';
import type { WireFamily } from '../security/access';

/** Where the route's wire family is noted on the response (by the global guard): the request metrics and the request boundary's error answers read it. */
const FAMILY = Symbol('skygate.wireFamily');

/** Notes the family of the route answering `res`; cheap (one property). */
export function noteWireFamily(res: object, family: WireFamily): void {
  (res as { [FAMILY]?: WireFamily })[FAMILY] = family;
}

/** The family noted for `res`; 'skygate' for requests no route took (404s). */
export function wireFamilyOf(res: ServerResponse): WireFamily {
  return (res as { [FAMILY]?: WireFamily })[FAMILY] ?? 'skygate';
}
