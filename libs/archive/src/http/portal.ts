import { createParamDecorator, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor, type NestMiddleware } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import type { Principal } from '@app/auth';
import type { OrganisationEntity } from '../entities/organisation.entities';
import { OrganisationRepository } from '../repositories/organisation.repositories';
import { NOT_FOUND } from './arcsecond-errors';

/** The archive's list paths; `/<subdomain>/<one of these>/…` addresses them inside a portal. */
export const ARCHIVE_LISTS = ['observingsites', 'telescopes', 'nightlogs', 'datapackages', 'datasets', 'datafiles', 'observations', 'calibrations', 'allskycameras', 'targets', 'targetlists', 'members', 'profiles'];

const PORTAL_PATH = new RegExp(`^/([^/?]+)(/(?:${ARCHIVE_LISTS.join('|')})(?:[/?].*)?)$`);

type PortalRequest = Request & { archivePortal?: OrganisationEntity; principal?: Principal };

/**
 * Arcsecond addresses an organisation ("portal") by a path prefix: `/<subdomain>/datasets/…`.
 * This is the one place that knows it: the prefix is taken off, the organisation attached to the
 * request, and the route of the resource answers in the organisation's scope. An unknown
 * subdomain is Arcsecond's 404 `{"detail": "Not found."}`.
 */
@Injectable()
export class PortalPrefixMiddleware implements NestMiddleware {
  constructor(private readonly organisations: OrganisationRepository) {}

  /** Not async itself: every request passes here, and most have no portal prefix (no promise made for them). */
  use(req: PortalRequest, res: Response, next: NextFunction): void {
    const match = PORTAL_PATH.exec(req.url);
    if (match) void this.enterPortal(match, req, res, next);
    else next();
  }

  private async enterPortal(match: RegExpExecArray, req: PortalRequest, res: Response, next: NextFunction): Promise<void> {
    try {
      const organisation = await this.organisations.findBySubdomain(decodeURIComponent(match[1]));
      if (!organisation) {
        res.status(404).json({ detail: NOT_FOUND });
        return;
      }
      req.archivePortal = organisation;
      req.url = match[2];
      next();
    } catch (err) {
      next(err);
    }
  }
}

/**
 * Documents the portal prefix without copying every operation: each archive path item is served
 * at the root and under `/{portal}` (an OpenAPI path-level server with a variable).
 */
export function documentPortalPaths(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!ARCHIVE_LISTS.includes(path.split('/')[1])) continue;
    item.servers = [
      { url: '/', description: 'Your own archive space (and your organisations\' data)' },
      { url: '/{portal}', description: 'Inside an organisation (Arcsecond portal): an unknown subdomain answers 404 {"detail": "Not found."}', variables: { portal: { default: 'local', description: 'The organisation subdomain' } } },
    ];
  }
}

/** Who is asking the archive: the authenticated principal and, under a portal prefix, its organisation. */
export type ArchiveCaller = Principal & { portal?: OrganisationEntity };

export const CurrentArchiveCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): ArchiveCaller => {
  const req = ctx.switchToHttp().getRequest<PortalRequest>();
  if (!req.principal) throw new Error('CurrentArchiveCaller used on a route the guard did not authenticate');
  return req.archivePortal ? { ...req.principal, portal: req.archivePortal } : req.principal;
});

/**
 * Inside a portal, a page's `next` and `previous` links keep the `/<subdomain>` prefix the request
 * came with (controllers build them from the unprefixed path the middleware left).
 */
@Injectable()
export class PortalLinksInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const portal = context.switchToHttp().getRequest<PortalRequest>().archivePortal;
    if (!portal) return next.handle();
    const prefix = `/${encodeURIComponent(portal.subdomain)}`;
    const prefixed = (link: unknown) => (typeof link === 'string' && link.startsWith('/') ? prefix + link : link);
    return next.handle().pipe(
      map((body: unknown) => {
        if (!body || typeof body !== 'object' || Array.isArray(body) || !('results' in body)) return body;
        const page = body as { next?: unknown; previous?: unknown };
        return { ...page, next: prefixed(page.next), previous: prefixed(page.previous) };
      }),
    );
  }
}
