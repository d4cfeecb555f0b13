import request from 'supertest';
import { ManualClock } from '@app/core';
import { createUser, REMOTE, type TestUser } from '../helpers/auth-fixtures';
import { ProbeModule } from '../helpers/probe.module';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('auth', () => {
  const clock = new ManualClock('2026-11-22T20:00:00Z');
  let t: TestApp;
  let admin: TestUser;
  let viewer: TestUser;
  let operator: TestUser;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp({ clock, extraImports: [ProbeModule] });
    admin = await createUser(t.app, 'admin', { admin: true });
    viewer = await createUser(t.app, 'viewer', { roles: ['viewer'] });
    operator = await createUser(t.app, 'operator', { roles: ['operator'] });
  });
  afterAll(() => t.close());

  describe('POST /login', () => {
    it('returns an HS256 JWT with the Allsky Server claims', async () => {
      const res = await http().post('/login').send({ username: 'operator', password: operator.password }).expect(200);
      expect(res.body).toMatchObject({ token_type: 'bearer', expires_in: 1800 });
      const [header, payload] = (res.body.access_token as string).split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
      expect(header.alg).toBe('HS256');
      expect(payload.sub).toBe('operator');
      expect(payload.permissions.gpio).toEqual(['read', 'update']);
      expect(payload.exp - payload.iat).toBe(1800);
    });

    it('answers 400 {"error":"Username and password required"} when a field is missing', async () => {
      const res = await http().post('/login').send({ username: 'admin' }).expect(400);
      expect(res.body.error).toBe('Username and password required');
    });

    it('answers 401 {"error":"Invalid credentials"} for a wrong password or an unknown user', async () => {
      expect((await http().post('/login').set(REMOTE).send({ username: 'admin', password: 'wrong-password' }).expect(401)).body.error).toBe('Invalid credentials');
      expect((await http().post('/login').set(REMOTE).send({ username: 'nobody', password: 'whatever1' }).expect(401)).body.error).toBe('Invalid credentials');
    });

    it('is rate limited per client address and user name, with Retry-After', async () => {
      const from = { 'X-Forwarded-For': '198.51.100.7' };
      // Without trusted proxies the client address is the socket peer; every test request comes from loopback.
      for (let i = 0; i < 5; i++) await http().post('/login').set(from).send({ username: 'viewer', password: 'bad-password' }).expect(401);
      const limited = await http().post('/login').set(from).send({ username: 'viewer', password: viewer.password }).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.message).toContain('retry in');
      // another user name from the same address is not affected by this pair's failures
      await http().post('/login').send({ username: 'operator', password: operator.password }).expect(200);
      clock.advance(15 * 60_000);
      await http().post('/login').send({ username: 'viewer', password: viewer.password }).expect(200);
    });
  });

  describe('credential forms', () => {
    let fullKey: string;
    beforeAll(async () => {
      fullKey = (await operator.key('full')).key;
    });

    it.each([
      ['Authorization: Bearer <jwt>', () => ({ Authorization: `Bearer ${operator.token}` }), ''],
      ['X-API-KEY', () => ({ 'X-API-KEY': fullKey }), ''],
      ['Authorization: Basic <key> (Mycodo)', () => ({ Authorization: `Basic ${fullKey}` }), ''],
      ['X-Arcsecond-API-Authorization: Key <key>', () => ({ 'X-Arcsecond-API-Authorization': `Key ${fullKey}` }), ''],
      ['?api_key=', () => ({}), 'api_key'],
    ])('accepts %s and resolves it to the same user', async (_name, headers, query) => {
      const url = query ? `/probe/gpio?api_key=${encodeURIComponent(fullKey)}` : '/probe/gpio';
      const res = await http().get(url).set(REMOTE).set(headers()).expect(200);
      expect(res.body.username).toBe('operator');
    });

    it('accepts ?api_key= on a route that validates its query: a credential is not a route parameter', async () => {
      const res = await http().get(`/sync/assets?api_key=${encodeURIComponent(fullKey)}`).set(REMOTE).expect(200);
      expect(Array.isArray(res.body.items)).toBe(true);
      const bogus = await http().get(`/sync/assets?api_key=${encodeURIComponent(fullKey)}&bogus=1`).set(REMOTE).expect(400);
      expect(JSON.stringify(bogus.body)).toContain('bogus');
    });

    it('GET /auth/me describes the caller', async () => {
      const res = await http().get('/auth/me').set(REMOTE).set('Authorization', `Bearer ${viewer.token}`).expect(200);
      expect(res.body).toMatchObject({ via: 'jwt', username: 'viewer', roles: ['viewer'], isAdmin: false });
      expect(res.body.permissions.gpio).toEqual(['read']);
    });

    it('rejects a tampered token and says so in a 401 with WWW-Authenticate', async () => {
      const [h, p, s] = viewer.token.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), permissions: { '*': ['*'] } })).toString('base64url');
      const res = await http().post('/probe/gpio').set(REMOTE).set('Authorization', `Bearer ${h}.${forged}.${s}`).expect(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="skygate"');
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Authentication required', message: 'invalid or expired token' });
    });

    it('rejects an expired token', async () => {
      const fresh = (await http().post('/login').send({ username: 'viewer', password: viewer.password }).expect(200)).body.access_token;
      await http().get('/probe/gpio').set(REMOTE).set('Authorization', `Bearer ${fresh}`).expect(200);
      clock.advance(1801_000);
      await http().get('/probe/gpio').set(REMOTE).set('Authorization', `Bearer ${fresh}`).expect(401);
      await Promise.all([admin, viewer, operator].map((u) => u.login())); // the shared tokens expired too
    });

    it('rejects a revoked key at once', async () => {
      const { id, key } = await viewer.key('full');
      await http().get('/probe/gpio').set(REMOTE).set('X-API-KEY', key).expect(200);
      await http().delete(`/auth/api-keys/${id}`).set(REMOTE).set('X-API-KEY', key).expect(200);
      const res = await http().get('/probe/gpio').set(REMOTE).set('X-API-KEY', key).expect(401);
      expect(res.body.message).toBe('invalid or revoked API key');
    });

    it('rejects the tokens and keys of a deactivated user, and its logins', async () => {
      const temp = await createUser(t.app, 'temp', { roles: ['viewer'] });
      const { key } = await temp.key();
      await http().get('/probe/gpio').set(REMOTE).set('Authorization', `Bearer ${temp.token}`).expect(200);
      await http().patch(`/users/${temp.id}`).set(REMOTE).set('Authorization', `Bearer ${admin.token}`).send({ isActive: false }).expect(200);
      await http().get('/probe/gpio').set(REMOTE).set('Authorization', `Bearer ${temp.token}`).expect(401);
      await http().get('/probe/gpio').set(REMOTE).set('X-API-KEY', key).expect(401);
      await http().post('/login').send({ username: 'temp', password: temp.password }).expect(401);
    });

    it('ends sessions when the password changes', async () => {
      const temp = await createUser(t.app, 'temp2', { roles: ['viewer'] });
      clock.advance(1000);
      await http().patch(`/users/${temp.id}`).set(REMOTE).set('Authorization', `Bearer ${admin.token}`).send({ password: 'a-brand-new-password' }).expect(200);
      await http().get('/probe/gpio').set(REMOTE).set('Authorization', `Bearer ${temp.token}`).expect(401);
      clock.advance(1000);
      await http().post('/login').send({ username: 'temp2', password: 'a-brand-new-password' }).expect(200);
    });
  });

  describe('permissions', () => {
    it('403 names the missing permission (Allsky Server text in error)', async () => {
      const res = await http().post('/probe/gpio').set(REMOTE).set('Authorization', `Bearer ${viewer.token}`).expect(403);
      expect(res.body).toEqual({ statusCode: 403, error: 'Access denied for update on gpio', message: 'missing permission gpio:update' });
    });

    it('an upload-scoped key works on upload routes and nowhere else', async () => {
      const uploader = await createUser(t.app, 'uploader', { roles: ['uploader'] });
      const { key } = await uploader.key('upload');
      expect((await http().post('/probe/upload').set(REMOTE).set('X-API-KEY', key).expect(201)).body).toMatchObject({ scope: 'upload', username: 'uploader' });
      const refused = await http().get('/auth/me').set(REMOTE).set('X-API-KEY', key).expect(403);
      expect(refused.body.message).toBe('an upload-scoped API key may only be used to upload');
      // even an admin's upload key is refused outside upload routes
      const adminUpload = (await admin.key('upload')).key;
      await http().get('/users').set(REMOTE).set('X-API-KEY', adminUpload).expect(403);
      await http().post('/probe/upload').set(REMOTE).set('X-API-KEY', adminUpload).expect(201);
    });

    it('role edits apply to live sessions at once', async () => {
      const auth = { Authorization: `Bearer ${admin.token}` };
      await http().post('/probe/gpio').set(REMOTE).set('Authorization', `Bearer ${viewer.token}`).expect(403);
      await http().post('/roles').set(REMOTE).set(auth).send({ name: 'gpio-writer', permissions: { gpio: ['update'] } }).expect(201);
      await http().put(`/users/${viewer.id}/roles`).set(REMOTE).set(auth).send({ roles: ['viewer', 'gpio-writer'] }).expect(200);
      await http().post('/probe/gpio').set(REMOTE).set('Authorization', `Bearer ${viewer.token}`).expect(201);
      await http().patch('/roles/gpio-writer').set(REMOTE).set(auth).send({ permissions: { gpio: ['read'] } }).expect(200);
      await http().post('/probe/gpio').set(REMOTE).set('Authorization', `Bearer ${viewer.token}`).expect(403);
    });

    it('refuses bad role definitions and protects built-in roles', async () => {
      const auth = { Authorization: `Bearer ${admin.token}` };
      const bad = await http().post('/roles').set(REMOTE).set(auth).send({ name: 'x', permissions: { telescope: ['fly'] } }).expect(400);
      expect(bad.body.message).toContain('unknown resource "telescope" (allowed: allsky, gpio, focuser, dashboard, sync, equipment, sequence, daemon, archive, users, upload, metrics, *)');
      await http().delete('/roles/viewer').set(REMOTE).set(auth).expect(409);
    });

    it('renders failures in the wire shape of the route family', async () => {
      const nina = await http().post('/probe-nina').set(REMOTE).expect(401);
      expect(nina.body).toEqual({ Response: '', Error: expect.stringContaining('no credentials'), StatusCode: 401, Success: false, Type: 'API' });
      const arcsecond = await http().get('/probe-arcsecond').set(REMOTE).expect(401);
      expect(arcsecond.body).toEqual({ detail: expect.stringContaining('no credentials') });
      // Byte for byte, key order included, as the families' clients have always received them.
      expect(nina.text).toBe(`{"Response":"","Error":${JSON.stringify(nina.body.Error)},"StatusCode":401,"Success":false,"Type":"API"}`);
      expect(arcsecond.text).toBe(`{"detail":${JSON.stringify(arcsecond.body.detail)}}`);
      const allsky = await http().post('/probe/gpio').set(REMOTE).set('Authorization', `Bearer ${viewer.token}`).expect(403);
      expect(allsky.text).toBe('{"statusCode":403,"error":"Access denied for update on gpio","message":"missing permission gpio:update"}');
    });
  });

  describe('users and keys administration', () => {
    const auth = () => ({ Authorization: `Bearer ${admin.token}` });

    it('creates, lists, updates and deletes users; validates input', async () => {
      const created = await http().post('/users').set(REMOTE).set(auth()).send({ username: 'ada', password: 'long-enough-pw', email: 'ada@example.org', roles: ['operator'] }).expect(201);
      expect(created.body).toMatchObject({ username: 'ada', roles: ['operator'], isActive: true, isAdmin: false });
      expect(created.body).not.toHaveProperty('passwordHash');
      await http().post('/users').set(REMOTE).set(auth()).send({ username: 'ada', password: 'long-enough-pw' }).expect(409);
      expect((await http().post('/users').set(REMOTE).set(auth()).send({ username: 'bad name', password: 'long-enough-pw' }).expect(400)).body.message).toContain('no spaces or colons');
      expect(JSON.stringify((await http().post('/users').set(REMOTE).set(auth()).send({ username: 'shorty', password: 'short' }).expect(400)).body.message)).toContain('password');
      expect((await http().post('/users').set(REMOTE).set(auth()).send({ username: 'ghost', password: 'long-enough-pw', roles: ['wizard'] }).expect(400)).body.message).toContain('unknown role(s): wizard');
      const list = await http().get('/users').set(REMOTE).set(auth()).expect(200);
      expect(list.body.map((u: { username: string }) => u.username)).toContain('ada');
      await http().patch(`/users/${created.body.id}`).set(REMOTE).set(auth()).send({ fullName: 'Ada Observer' }).expect(200);
      expect((await http().get(`/users/${created.body.id}`).set(REMOTE).set(auth()).expect(200)).body.fullName).toBe('Ada Observer');
      await http().get('/users/not-a-uuid').set(REMOTE).set(auth()).expect(400);
      await http().delete(`/users/${created.body.id}`).set(REMOTE).set(auth()).expect(204);
      await http().get(`/users/${created.body.id}`).set(REMOTE).set(auth()).expect(404);
    });

    it('shows a key once, lists it by prefix and records its last use', async () => {
      const created = await http().post(`/users/${operator.id}/api-keys`).set(REMOTE).set(auth()).send({ name: 'dome', scope: 'full', signing: true }).expect(201);
      expect(created.body.key).toMatch(/^sg_[A-Za-z0-9_-]{43}$/);
      expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
      expect(created.body).toMatchObject({ name: 'dome', scope: 'full', signing: true, lastUsedAt: null, revokedAt: null });
      await http().get('/probe/gpio').set(REMOTE).set('X-API-KEY', created.body.key).expect(200);
      await new Promise((r) => setTimeout(r, 200)); // the last-use write is off the request path
      const listed = await http().get(`/users/${operator.id}/api-keys`).set(REMOTE).set(auth()).expect(200);
      const entry = listed.body.find((k: { id: string }) => k.id === created.body.id);
      expect(entry).not.toHaveProperty('key');
      expect(entry.lastUsedAt).not.toBeNull();
      await http().delete(`/users/${operator.id}/api-keys/${created.body.id}`).set(REMOTE).set(auth()).expect(200);
      await http().get('/probe/gpio').set(REMOTE).set('X-API-KEY', created.body.key).expect(401);
    });

    it('refuses user administration to non-admins', async () => {
      await http().get('/users').set(REMOTE).set('Authorization', `Bearer ${operator.token}`).expect(403);
      await http().post('/users').set(REMOTE).set('Authorization', `Bearer ${viewer.token}`).send({ username: 'x', password: 'long-enough-pw' }).expect(403);
    });

    it('a local request has no user and cannot own keys', async () => {
      const res = await http().post('/auth/api-keys').send({ name: 'nobody' }).expect(403);
      expect(res.body.message).toContain('log in');
    });
  });

  it('keeps API keys hashed, except signing keys which are encrypted', async () => {
    const { DataSource } = await import('typeorm');
    const signing = await operator.key('upload', true);
    const plain = await operator.key('full', false);
    const rows: { id: string; key_hash: string; encrypted_key: string | null }[] = await t.app.get(DataSource).query('SELECT id, key_hash, encrypted_key FROM api_keys');
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(signing.key);
    expect(dump).not.toContain(plain.key);
    expect(rows.find((r) => r.id === plain.id)?.encrypted_key).toBeNull();
    expect(rows.find((r) => r.id === signing.id)?.encrypted_key).toMatch(/^v1\./);
  });
});
