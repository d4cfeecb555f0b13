import { SetMetadata } from '@nestjs/common';

/** Metadata key under which every route declares who may call it; the global guard reads it. */
export const ROUTE_ACCESS = 'skygate:route-access';

export type PermissionAction = 'read' | 'update';

export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'permission'; resource: string; action: PermissionAction; uploadScope?: boolean };

/** Marks a route (or controller) as callable without credentials. Declared explicitly, never implied. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_ACCESS, { kind: 'public' } satisfies RouteAccess);
