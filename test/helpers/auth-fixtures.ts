import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { ApiKeyService, UserService, type ApiKeyScope } from '@app/auth';

/** Seen from a client on another machine: supertest connects from loopback, so say it came through a proxy. */
export const REMOTE = { 'X-Forwarded-For': '203.0.113.9' };

export interface TestUser {
  id: string;
  username: string;
  password: string;
  token: string;
  /** Logs in again (after the test clock moved past the token's expiry). */
  login: () => Promise<void>;
  key: (scope?: ApiKeyScope, signing?: boolean) => Promise<{ id: string; key: string }>;
}

/** Creates a user with the given roles (or admin), logs it in and offers API keys for it. */
export async function createUser(app: NestExpressApplication, username: string, opts: { roles?: string[]; admin?: boolean } = {}): Promise<TestUser> {
  const password = `${username}-password-123`;
  const user = await app.get(UserService).create({ username, password, roles: opts.roles, isAdmin: opts.admin });
  const login = async () => (await request(app.getHttpServer()).post('/login').send({ username, password }).expect(200)).body.access_token as string;
  const fixture: TestUser = {
    id: user.id,
    username,
    password,
    token: await login(),
    login: async () => {
      fixture.token = await login();
    },
    key: async (scope = 'full', signing = false) => {
      const { key, entity } = await app.get(ApiKeyService).create(user.id, { name: `${scope} test key`, scope, signing });
      return { id: entity.id, key };
    },
  };
  return fixture;
}
