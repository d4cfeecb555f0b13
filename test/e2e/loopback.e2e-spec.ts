import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('loopback trust', () => {
  describe('AUTH_TRUST_LOOPBACK=true (default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('lets a direct local request through without credentials, as the Allsky Server does', async () => {
      const res = await request(t.app.getHttpServer()).get('/users').expect(200);
      expect(Array.isArray(res.body)).toBe(true);
      expect((await request(t.app.getHttpServer()).get('/auth/me').expect(200)).body).toMatchObject({ via: 'loopback' });
    });

    it.each([
      ['X-Forwarded-For', '127.0.0.1'],
      ['Forwarded', 'for=127.0.0.1'],
      ['X-Real-IP', '127.0.0.1'],
    ])('refuses a local request relayed by a proxy (%s), even one claiming to be local', async (header, value) => {
      await request(t.app.getHttpServer()).get('/users').set(header, value).expect(401);
    });

    it('still checks credentials a local caller presents', async () => {
      await request(t.app.getHttpServer()).get('/users').set('X-API-KEY', 'sg_not-a-key').expect(401);
    });
  });

  describe('AUTH_TRUST_LOOPBACK=false', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ configure: { auth: { trustLoopback: false } } });
    });
    afterAll(() => t.close());

    it('asks local callers for credentials too', async () => {
      await request(t.app.getHttpServer()).get('/users').expect(401);
      await request(t.app.getHttpServer()).get('/health').expect(200);
    });
  });

  describe('TRUSTED_PROXIES', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ configure: { auth: { trustedProxies: ['127.0.0.1'], loginMaxFailures: 2 } } });
    });
    afterAll(() => t.close());

    it('takes the client address for rate limiting from a trusted proxy, so clients are limited separately', async () => {
      const attempt = (client: string) => request(t.app.getHttpServer()).post('/login').set('X-Forwarded-For', client).send({ username: 'nobody', password: 'wrong-password' });
      expect((await attempt('198.51.100.1')).status).toBe(401);
      expect((await attempt('198.51.100.1')).status).toBe(401);
      expect((await attempt('198.51.100.1')).status).toBe(429);
      expect((await attempt('198.51.100.2')).status).toBe(401);
    });
  });
});
