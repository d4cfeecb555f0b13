import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { ApiKeyService, BUILTIN_ROLES, FULL_ACCESS, mayCall, UserService, type PermissionMap } from '@app/auth';
import { ManualClock, type PermissionAction } from '@app/core';
import { createUser, REMOTE } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** Every operation of the committed contract with what it declares. */
interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  access: { kind: 'public' } | { kind: 'login' } | { kind: 'signed' } | { kind: 'permission'; resource: string; action: PermissionAction; upload: boolean };
}

const contract = JSON.parse(readFileSync(join(__dirname, '../../openapi/skygate.openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { security?: unknown[]; 'x-skygate-permission'?: string; 'x-skygate-upload'?: boolean }>>;
};

const operations: Operation[] = Object.entries(contract.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => {
      const text = op['x-skygate-permission'];
      const permission = /^([a-z-]+):(read|update)/.exec(text ?? '');
      const access: Operation['access'] =
        Array.isArray(op.security) && op.security.length === 0
          ? { kind: 'public' }
          : text?.includes('(signed request)')
            ? { kind: 'signed' }
            : text === 'a signed-in caller'
              ? { kind: 'login' }
              : { kind: 'permission', resource: permission![1], action: permission![2] as PermissionAction, upload: op['x-skygate-upload'] === true };
      return { method: method as Operation['method'], path, access };
    }),
);

const PLACEHOLDER = '00000000-0000-4000-8000-000000000000';
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, PLACEHOLDER);

/** A credential form and the operations it must not complete. */
interface Credential {
  name: string;
  headers: Record<string, string>;
  /** Whether the operation is beyond this credential (no 2xx allowed). */
  denied(op: Operation): boolean;
}

const invalid = (name: string, headers: Record<string, string>): Credential => ({ name, headers, denied: (op) => op.access.kind !== 'public' });

function holder(name: string, headers: Record<string, string>, permissions: PermissionMap, uploadKey: boolean): Credential {
  return {
    name,
    headers,
    denied: (op) => {
      switch (op.access.kind) {
        case 'public':
          return false;
        case 'signed':
          return true; // none of these forms is a SyncAPI signature
        case 'login':
          return uploadKey;
        default:
          return !mayCall(permissions, op.access, uploadKey);
      }
    },
  };
}

describe('authorisation matrix: every operation of the contract × every credential form', () => {
  let t: TestApp;
  const credentials: Credential[] = [];
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const expiring = await createUser(t.app, 'matrix-expired', { admin: true });
    clock.advance((t.config.auth.jwtTtlSeconds + 60) * 1000);

    credentials.push(invalid('anonymous', {}));
    credentials.push(invalid('forged JWT', { Authorization: `Bearer ${jwt.sign({ sub: 'matrix-admin', uid: PLACEHOLDER, permissions: FULL_ACCESS }, 'not-the-server-secret-but-long-enough!!', { algorithm: 'HS256', expiresIn: 600 })}` }));
    credentials.push(invalid('expired JWT', { Authorization: `Bearer ${expiring.token}` }));

    const revokedOwner = await createUser(t.app, 'matrix-revoked', { admin: true });
    const revoked = await revokedOwner.key();
    await t.app.get(ApiKeyService).revoke(revokedOwner.id, revoked.id);
    credentials.push(invalid('revoked key', { 'X-API-KEY': revoked.key }));

    const gone = await createUser(t.app, 'matrix-deactivated', { admin: true });
    const goneKey = await gone.key();
    await t.app.get(UserService).update(gone.id, { isActive: false });
    credentials.push(invalid('deactivated user JWT', { Authorization: `Bearer ${gone.token}` }));
    credentials.push(invalid('deactivated user key', { 'X-API-KEY': goneKey.key }));

    for (const role of ['admin', 'operator', 'viewer', 'uploader']) {
      const user = await createUser(t.app, `matrix-${role}`, role === 'admin' ? { admin: true } : { roles: [role] });
      const permissions = role === 'admin' ? FULL_ACCESS : BUILTIN_ROLES.find((r) => r.name === role)!.permissions;
      credentials.push(holder(`${role} JWT`, { Authorization: `Bearer ${user.token}` }, permissions, false));
      credentials.push(holder(`${role} full key`, { 'X-API-KEY': (await user.key('full')).key }, permissions, false));
      credentials.push(holder(`${role} upload key`, { 'X-API-KEY': (await user.key('upload')).key }, permissions, true));
    }
  }, 180_000);
  afterAll(() => t.close());

  it('reads every operation of the contract', () => {
    expect(operations.length).toBeGreaterThan(250);
    expect(operations.filter((o) => o.access.kind === 'permission' && o.access.upload).length).toBeGreaterThanOrEqual(4);
  });

  it('completes no operation (no 2xx) for a credential that lacks its permission', async () => {
    const completed: string[] = [];
    let tried = 0;
    for (const credential of credentials) {
      for (const op of operations.filter((o) => credential.denied(o))) {
        tried++;
        const res = await request(t.app.getHttpServer())[op.method](concrete(op.path)).set(REMOTE).set(credential.headers).send({});
        if (res.status >= 200 && res.status < 300) completed.push(`${credential.name}: ${op.method.toUpperCase()} ${op.path} → ${res.status}`);
      }
    }
    expect(tried).toBeGreaterThan(2000);
    expect(completed).toEqual([]);
  }, 600_000);
});
