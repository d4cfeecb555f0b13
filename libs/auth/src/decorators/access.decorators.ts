import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorDto, ROUTE_ACCESS, SecurityScheme, type PermissionAction, type RouteAccess } from '@app/core';
import type { Resource } from '../permissions/permissions';
import type { Principal, RequestWithPrincipal } from '../services/principal';

/** Every credential form the guard accepts; OpenAPI lists them as alternatives. */
const CREDENTIAL_SCHEMES = [SecurityScheme.Jwt, SecurityScheme.ApiKeyHeader, SecurityScheme.ApiKeyQuery, SecurityScheme.ApiKeyBasic, SecurityScheme.ArcsecondKey];

function declare(access: RouteAccess, permissionText: string) {
  return applyDecorators(
    SetMetadata(ROUTE_ACCESS, access),
    ...CREDENTIAL_SCHEMES.map((scheme) => ApiSecurity(scheme)),
    ApiExtension('x-skygate-permission', permissionText),
    ApiUnauthorizedResponse({ type: ErrorDto, description: 'No credentials, or they are wrong, expired or revoked' }),
    ApiForbiddenResponse({ type: ErrorDto, description: `The caller lacks ${permissionText}` }),
  );
}

/**
 * The route needs `action` on `resource`. Sets the guard's metadata and the OpenAPI security
 * entry together, so the contract and the enforcement cannot disagree. `upload: true` marks a
 * call an uploading client needs (find its dataset or telescope by name, create a dataset, upload
 * a file): upload:update also admits it, and upload-scoped API keys are let through (they are
 * refused everywhere else). OpenAPI shows it as `x-skygate-upload: true`.
 */
export const RequirePermission = (resource: Resource, action: PermissionAction, options: { upload?: boolean } = {}) =>
  options.upload
    ? applyDecorators(
        declare({ kind: 'permission', resource, action, upload: true }, `${resource}:${action} or upload:update (an uploading client's call; upload-scoped API keys accepted)`),
        ApiExtension('x-skygate-upload', true),
      )
    : declare({ kind: 'permission', resource, action }, `${resource}:${action}`);

/** Any signed-in caller may use the route, whatever its permissions (e.g. its own API keys). */
export const RequireLogin = () => declare({ kind: 'authenticated' }, 'a signed-in caller');

/**
 * The route verifies an indi-allsky SyncAPI signature itself (the guard cannot read multipart
 * parts) with SyncSignatureVerifier, then checks `action` on `resource`.
 */
export const RequireSignature = (resource: Resource, action: PermissionAction) =>
  applyDecorators(
    SetMetadata(ROUTE_ACCESS, { kind: 'signed', resource, action } satisfies RouteAccess),
    ApiSecurity(SecurityScheme.SyncSignature),
    ApiExtension('x-skygate-permission', `${resource}:${action} (signed request)`),
  );

/** The principal the guard attached: who is calling and how. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route the guard did not authenticate');
  return principal;
});
