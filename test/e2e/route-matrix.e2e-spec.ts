import request from 'supertest';
import { RouteInventory, type RouteEntry } from '@app/auth';
import { createUser, REMOTE, type TestUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

const PLACEHOLDER_UUID = '00000000-0000-4000-8000-000000000000';

/** A concrete URL for a route pattern: path parameters get a well-formed id that matches nothing. */
function concrete(route: RouteEntry): string {
  return route.path.replace(/:[A-Za-z_]+/g, PLACEHOLDER_UUID);
}

describe('authorization matrix over every route of the app', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  let viewer: TestUser;
  let admin: TestUser;
  let uploader: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    routes = t.app.get(RouteInventory).routes();
    viewer = await createUser(t.app, 'matrix-viewer', { roles: ['viewer'] });
    admin = await createUser(t.app, 'matrix-admin', { admin: true });
    uploader = await createUser(t.app, 'matrix-uploader', { roles: ['uploader'] });
  });
  afterAll(() => t.close());

  // @All() routes (catch-alls) are exercised with PUT.
  const verb = (route: RouteEntry) => (route.method === 'ALL' ? 'put' : (route.method.toLowerCase() as 'get'));
  const call = (route: RouteEntry, headers: Record<string, string>) =>
    request(t.app.getHttpServer())
      [verb(route)](concrete(route))
      .set(REMOTE)
      .set(headers)
      .send({});

  it('finds the routes, and every one declares a permission, a login, a signature or @Public()', () => {
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('anonymous remote callers get 401 everywhere except public and self-verifying routes', async () => {
    for (const route of routes) {
      const res = await call(route, {});
      const open = route.access?.kind === 'public' || route.access?.kind === 'signed';
      if (open) expect({ route: `${route.method} ${route.path}`, status: res.status }).not.toEqual({ route: `${route.method} ${route.path}`, status: 401 });
      else expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({ route: `${route.method} ${route.path}`, status: 401 });
    }
  });

  it('a viewer gets 403 on every update route, on users and metrics, and is let through on reads', async () => {
    for (const route of routes.filter((r) => r.access?.kind === 'permission')) {
      const access = route.access as Extract<RouteEntry['access'], { kind: 'permission' }>;
      const res = await call(route, { Authorization: `Bearer ${viewer.token}` });
      // metrics:read is not a viewer's: only admins, or a role an admin grants it.
      const denied = access.action === 'update' || access.resource === 'users' || access.resource === 'metrics';
      expect({ route: `${route.method} ${route.path}`, forbidden: res.status === 403 }).toEqual({ route: `${route.method} ${route.path}`, forbidden: denied });
    }
  });

  type PermissionRoute = RouteEntry & { access: Extract<RouteEntry['access'], { kind: 'permission' }> };
  const permissionRoutes = () => routes.filter((r): r is PermissionRoute => r.access?.kind === 'permission');
  const refusal = async (route: RouteEntry, headers: Record<string, string>) => {
    const res = await call(route, headers);
    return { route: `${route.method} ${route.path}`, refused: [401, 403].includes(res.status) };
  };

  it('the uploader role reaches the upload routes and its sync uploads, and is refused everything else (no PATCH or DELETE of archive data)', async () => {
    expect(permissionRoutes().filter((r) => r.access.upload).length).toBeGreaterThanOrEqual(4);
    for (const route of permissionRoutes()) {
      const allowed = route.access.upload === true || (route.access.resource === 'sync' && route.access.action === 'update');
      expect(await refusal(route, { Authorization: `Bearer ${uploader.token}` })).toEqual({ route: `${route.method} ${route.path}`, refused: !allowed });
    }
  });

  it("an upload-scoped key reaches exactly the upload routes, the uploader's and the admin's alike", async () => {
    for (const user of [uploader, admin]) {
      const { key } = await user.key('upload');
      for (const route of permissionRoutes()) {
        expect(await refusal(route, { 'X-API-KEY': key })).toEqual({ route: `${route.method} ${route.path}`, refused: route.access.upload !== true });
      }
    }
  });

  it('the upload client can look up its dataset by name with an upload key', async () => {
    const { key } = await uploader.key('upload');
    const res = await request(t.app.getHttpServer()).get('/datasets/?name=M31').set(REMOTE).set('X-API-KEY', key).expect(200);
    expect(Array.isArray(res.body) || Array.isArray(res.body.results)).toBe(true);
  });

  it('an admin is never refused (neither 401 nor 403)', async () => {
    for (const route of routes.filter((r) => r.access?.kind !== 'signed')) {
      const res = await call(route, { Authorization: `Bearer ${admin.token}` });
      expect({ route: `${route.method} ${route.path}`, refused: [401, 403].includes(res.status) }).toEqual({ route: `${route.method} ${route.path}`, refused: false });
    }
  });
});

describe('a route that declares no access', () => {
  it('stops the application from starting, naming the route', async () => {
    const { Controller, Get, Module } = await import('@nestjs/common');
    @Controller('forgotten')
    class ForgottenController {
      @Get()
      forgottenRoute() {
        return 'anyone?';
      }
    }
    @Module({ controllers: [ForgottenController] })
    class ForgottenModule {}
    await expect(startTestApp({ extraImports: [ForgottenModule] })).rejects.toThrow('routes without a declared permission or @Public(): GET /forgotten (ForgottenController.forgottenRoute)');
  });
});
