import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { classifyInfrastructureError, noteWireFamily, renderFailure, ROUTE_ACCESS, unsafeRequest, WIRE_FAMILY, type RouteAccess, type WireFailure, type WireFamily, wireFamilyError } from '@app/core';
import { mayCall } from '../permissions/permissions';
import type { RequestWithPrincipal } from '../services/principal';
import { RequestAuthenticator } from '../services/request-authenticator';
import { unexpectedFormBody } from './body-type';

/** Where @nestjs/swagger's @ApiConsumes keeps the body types a route documents. */
const API_CONSUMES = 'swagger/apiConsumes';

interface RouteDeclaration {
  access: RouteAccess | undefined;
  family: WireFamily;
  consumes: string[];
}

/**
 * The single global guard. Every route declares its access (public, signed, authenticated, or a
 * resource permission) with one decorator; a route that declares nothing is refused. Once the
 * caller may call the route, a URL holding a NUL byte, or a body holding one or nested too deep,
 * is refused with a 400 before pipes and handlers see it (`unsafeRequest`).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly declarations = new WeakMap<object, WeakMap<object, RouteDeclaration>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  /** What a route declares, read once per route: metadata does not change after start-up, and three reflector lookups cost each request ~3 µs. */
  private declared(context: ExecutionContext): RouteDeclaration {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byController = this.declarations.get(handler);
    if (!byController) this.declarations.set(handler, (byController = new WeakMap()));
    let declaration = byController.get(controller);
    if (!declaration) {
      const targets = [handler, controller];
      declaration = {
        access: this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, targets),
        family: this.reflector.getAllAndOverride<WireFamily | undefined>(WIRE_FAMILY, targets) ?? 'skygate',
        consumes: this.reflector.getAllAndMerge<string[]>(API_CONSUMES, targets) ?? [],
      };
      byController.set(controller, declaration);
    }
    return declaration;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // websocket gateways authenticate on connect
    const { access, family, consumes } = this.declared(context);
    const req = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    const res = context.switchToHttp().getResponse<Response>();
    noteWireFamily(res, family); // for the request metrics, refusals included
    // Neutral failures; each family's registered renderer shapes them (NINA envelope, Arcsecond {detail} ...).
    const fail = (failure: WireFailure) => {
      if (failure.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="skygate"');
      return renderFailure(family, failure);
    };

    if (!access) throw fail({ status: 403, message: 'this route declares no permission, so nobody may call it' });
    const formBody = unexpectedFormBody(req, consumes);
    if (formBody) throw fail({ status: 415, message: `this route takes JSON, not ${formBody}` });
    if (access.kind === 'public' || access.kind === 'signed') return acceptable(req, family);

    const principal = await this.authenticator.authenticate(req).catch((err: unknown) => {
      // A busy or lost database while looking up credentials: 503 in the family's shape, not a 500.
      const known = classifyInfrastructureError(err);
      if (!known) throw err;
      if (known.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(known.retryAfterSeconds));
      throw wireFamilyError(family, known.status, known.message);
    });
    if (typeof principal === 'string') throw fail({ status: 401, message: principal });

    const uploadKey = principal.apiKey?.scope === 'upload';
    if (uploadKey && !(access.kind === 'permission' && access.upload)) {
      throw fail({ status: 403, message: 'an upload-scoped API key may only be used to upload' });
    }
    if (access.kind === 'permission' && !mayCall(principal.permissions, access, uploadKey)) {
      throw fail({ status: 403, message: `missing permission ${access.resource}:${access.action}${access.upload ? ' (or upload:update)' : ''}`, resource: access.resource, action: access.action });
    }
    req.principal = principal;
    return acceptable(req, family);
  }
}

/** true, or the family's 400 for input no handler should see. */
function acceptable(req: Request, family: WireFamily): true {
  const problem = unsafeRequest(req);
  if (problem) throw wireFamilyError(family, 400, problem);
  return true;
}
