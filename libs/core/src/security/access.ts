import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

/** Metadata key under which every route declares who may call it; the global guard reads it. */
export const ROUTE_ACCESS = 'skygate:route-access';

export type PermissionAction = 'read' | 'update';

export type RouteAccess =
  | { kind: 'public' }
  /** Any signed-in caller, whatever its permissions (e.g. "my own API keys"). */
  | { kind: 'authenticated' }
  /** A permission on a resource; `upload` routes also accept upload-scoped API keys. */
  | { kind: 'permission'; resource: string; action: PermissionAction; upload?: boolean }
  /** The route checks a request signature itself (indi-allsky SyncAPI HMAC over a multipart part). */
  | { kind: 'signed'; resource: string; action: PermissionAction };

/**
 * Security requirement name that marks a public operation while Nest builds the document (it drops
 * an empty list); buildOpenApiDocument turns it into the explicit empty `security: []`.
 */
export const PUBLIC_SECURITY_MARKER = 'x-skygate-public';

/** Marks a route (or controller) as callable without credentials. Declared explicitly, never implied. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROUTE_ACCESS, { kind: 'public' } satisfies RouteAccess), ApiSecurity(PUBLIC_SECURITY_MARKER));

/** Which ecosystem's wire shape a controller speaks; auth failures are rendered in that shape. */
export type WireFamily = 'skygate' | 'allsky' | 'indi-allsky' | 'mycodo' | 'nina' | 'arcsecond';
export const WIRE_FAMILY = 'skygate:wire-family';
export const UseWireFamily = (family: WireFamily): ClassDecorator & MethodDecorator => SetMetadata(WIRE_FAMILY, family);
