import request from 'supertest';
import { UserService } from '@app/auth';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('logins under a flood', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Behind a trusted proxy, so each request can say which client it is.
    t = await startTestApp({ configure: { auth: { trustedProxies: ['127.0.0.1'] } } });
    await t.app.get(UserService).create({ username: 'observer', password: 'observer-password-1' });
  });
  afterAll(() => t.close());

  const login = (client: string, username: string, password: string) =>
    request(t.app.getHttpServer()).post('/login').set('X-Forwarded-For', client).send({ username, password });

  it('one client sending many logins at once (random user names) gets 429 with Retry-After beyond four in progress', async () => {
    const flood = await Promise.all(Array.from({ length: 10 }, (_, i) => login('198.51.100.50', `random-${i}-${Math.random()}`, 'wrong-password')));
    const statuses = flood.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(2);
    const refused = flood.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    for (const r of refused) {
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(r.body).toMatchObject({ statusCode: 429, error: expect.any(String), message: expect.any(String) });
    }
  });

  it('another client still logs in while the flood goes on', async () => {
    const flood = Promise.all(Array.from({ length: 10 }, (_, i) => login('198.51.100.51', `random-${i}`, 'wrong-password')));
    const real = await login('198.51.100.99', 'observer', 'observer-password-1');
    expect(real.status).toBe(200);
    expect(real.body.access_token).toEqual(expect.any(String));
    await flood;
  });

  it('limits one address across user names once failures add up (LOGIN_MAX_FAILURES x 4 in 15 minutes)', async () => {
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++) last = (await login('198.51.100.60', `name-${i}`, 'wrong-password')).status;
    expect(last).toBe(429);
    expect((await login('198.51.100.61', 'observer', 'observer-password-1')).status).toBe(200);
  });
});
