import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import request from 'supertest';
import { WebSocket } from 'ws';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('loopback trust', () => {
  describe('AUTH_TRUST_LOOPBACK=true (default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
      await t.app.listen(0, '127.0.0.1');
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

    it('refuses a cross-site form POST that would create an admin, and gives such requests no loopback trust', async () => {
      const form = await request(t.app.getHttpServer())
        .post('/users')
        .set('Origin', 'https://evil.example')
        .type('form')
        .send('username=x&password=password-123&roles[]=admin');
      expect(form.status).toBe(415);
      // Without a body (or with any other a form can send), the answer is 401: the page is not local.
      const bare = await request(t.app.getHttpServer()).post('/users').set('Origin', 'https://evil.example');
      expect(bare.status).toBe(401);
      expect(bare.body.message).toContain('not trusted as local: a browser request from https://evil.example');
      expect((await request(t.app.getHttpServer()).get('/users').expect(200)).body.map((u: { username: string }) => u.username)).not.toContain('x');
    });

    it('refuses form and text bodies on JSON routes with 415 even from a trusted local caller, and keeps them for /login', async () => {
      const form = await request(t.app.getHttpServer()).post('/users').type('form').send('username=y&password=password-123');
      expect(form.status).toBe(415);
      expect(form.body).toMatchObject({ statusCode: 415, message: 'this route takes JSON, not application/x-www-form-urlencoded' });
      await request(t.app.getHttpServer()).post('/users').set('Content-Type', 'text/plain').send('{"username":"y","password":"password-123"}').expect(415);
      const login = await request(t.app.getHttpServer()).post('/login').type('form').send('username=nobody&password=wrong-password');
      expect(login.status).toBe(401);
      expect(login.body.error).toBe('Invalid credentials');
    });

    it('gives no loopback trust to an <img>-style GET (Sec-Fetch-Site: cross-site), so /allsky/stopall does not run', async () => {
      await request(t.app.getHttpServer()).get('/allsky/stopall').set('Sec-Fetch-Site', 'cross-site').expect(401);
      await request(t.app.getHttpServer()).get('/v2/api/equipment/camera/connect').set('Sec-Fetch-Site', 'same-site').expect(401);
    });

    it('gives no loopback trust to a DNS-rebound Host name', async () => {
      const res = await request(t.app.getHttpServer()).get('/users').set('Host', 'evil.example:8090').expect(401);
      expect(res.body.message).toContain('Host "evil.example:8090" is not a name of this machine');
      await request(t.app.getHttpServer()).get('/users').set('Host', 'localhost:8090').expect(200);
      await request(t.app.getHttpServer()).get('/users').set('Host', `${hostname()}:8090`).expect(200);
    });

    it('refuses a cross-site page\'s websocket to this machine (4401), and admits a local one', async () => {
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const open = (headers: Record<string, string>) =>
        new Promise<{ code: number; greeted: boolean }>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/allsky/events`, { headers });
          ws.once('message', () => {
            ws.close();
            resolve({ code: 0, greeted: true });
          });
          ws.once('close', (code) => resolve({ code, greeted: false }));
        });
      expect(await open({ Origin: 'https://evil.example' })).toEqual({ code: 4401, greeted: false });
      expect(await open({})).toEqual({ code: 0, greeted: true });
    });

    it('keeps loopback trust for the own origin (the dashboard served here)', async () => {
      await request(t.app.getHttpServer()).get('/users').set('Host', 'localhost:8090').set('Origin', 'http://localhost:8090').set('Sec-Fetch-Site', 'same-origin').expect(200);
    });

    it('sends security headers on every response', async () => {
      const res = await request(t.app.getHttpServer()).get('/health').expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['access-control-allow-origin']).toBeUndefined(); // CORS is off by default
    });

    it('still renders the Swagger UI at /api under that policy: every script it loads is served from here', async () => {
      const page = await request(t.app.getHttpServer()).get('/api').expect(200);
      const scripts = [...page.text.matchAll(/<script[^>]*src="([^"]+)"/g), ...page.text.matchAll(/<link[^>]*stylesheet[^>]*href="([^"]+)"/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      expect(page.text).not.toMatch(/<script(?![^>]*src=)[^>]*>\s*\S/); // no inline script, which script-src 'self' would block
      for (const src of scripts) {
        expect(src).not.toMatch(/^https?:/);
        await request(t.app.getHttpServer()).get(new URL(src, 'http://localhost/api').pathname).expect(200);
      }
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

    it('never counts a request whose peer is the trusted proxy as loopback, even when the proxy adds no X-Forwarded-For', async () => {
      const res = await request(t.app.getHttpServer()).get('/users').expect(401);
      expect(res.body.message).toContain('relayed by a trusted proxy');
    });

    it('takes the client address for rate limiting from a trusted proxy, so clients are limited separately', async () => {
      const attempt = (client: string) => request(t.app.getHttpServer()).post('/login').set('X-Forwarded-For', client).send({ username: 'nobody', password: 'wrong-password' });
      expect((await attempt('198.51.100.1')).status).toBe(401);
      expect((await attempt('198.51.100.1')).status).toBe(401);
      expect((await attempt('198.51.100.1')).status).toBe(429);
      expect((await attempt('198.51.100.2')).status).toBe(401);
    });
  });

  describe('CORS_ORIGINS', () => {
    let t: TestApp;
    const dashboard = 'https://dash.example';
    beforeAll(async () => {
      t = await startTestApp({ configure: { auth: { corsOrigins: [dashboard] } } });
    });
    afterAll(() => t.close());

    it('answers a real preflight with 204 and the credential headers', async () => {
      const res = await request(t.app.getHttpServer())
        .options('/v2/api/equipment/mount/info')
        .set('Origin', dashboard)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'authorization,x-api-key')
        .expect(204);
      expect(res.headers['access-control-allow-origin']).toBe(dashboard);
      for (const header of ['Authorization', 'X-API-KEY', 'X-Arcsecond-API-Authorization', 'Content-Type', 'Accept']) {
        expect(res.headers['access-control-allow-headers']).toContain(header);
      }
    });

    it('keeps loopback trust for a listed origin, not for others, and allows only the listed origin', async () => {
      const listed = await request(t.app.getHttpServer()).get('/users').set('Origin', dashboard).set('Sec-Fetch-Site', 'cross-site').expect(200);
      expect(listed.headers['access-control-allow-origin']).toBe(dashboard);
      const other = await request(t.app.getHttpServer()).get('/users').set('Origin', 'https://evil.example').expect(401);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
