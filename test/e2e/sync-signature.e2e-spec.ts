import { createHmac } from 'node:crypto';
import { ApiKeyService, SyncSignatureVerifier, UserService } from '@app/auth';
import { ManualClock } from '@app/core';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** Computed here with node:crypto, independently of the code under test. */
function sign(key: string, unixSeconds: number, metadata: Buffer): string {
  return createHmac('sha3-512', key).update(String(Math.floor(unixSeconds / 300))).update(metadata).digest('hex');
}

describe('indi-allsky SyncAPI signature (HMAC-SHA3-512)', () => {
  const now = Date.parse('2026-11-22T21:07:30Z') / 1000; // 150 s into a 300 s bucket
  const clock = new ManualClock(now * 1000);
  const metadata = Buffer.from('{"type":"image","camera_uuid":"4f0f3c2e-1a2b-4c3d-8e9f-001122334455","exposure":15.0}');
  let t: TestApp;
  let verifier: SyncSignatureVerifier;
  let key: string;
  let plainKey: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    verifier = t.app.get(SyncSignatureVerifier);
    const user = await t.app.get(UserService).create({ username: 'allskycam', password: 'camera-password', roles: ['uploader'] });
    key = (await t.app.get(ApiKeyService).create(user.id, { name: 'sync', scope: 'upload', signing: true })).key;
    plainKey = (await t.app.get(ApiKeyService).create(user.id, { name: 'plain', scope: 'upload' })).key;
  });
  afterAll(() => t.close());

  const header = (signature: string, user = 'allskycam') => `Bearer ${user}:${signature}`;

  it('accepts the current time bucket and resolves the user with upload scope', async () => {
    const principal = await verifier.verify(header(sign(key, now, metadata)), metadata);
    expect(principal).toMatchObject({ via: 'signature', user: { username: 'allskycam' }, apiKey: { scope: 'upload' } });
    expect(principal?.permissions.sync).toEqual(['update']);
  });

  it.each([
    ['one bucket ahead (t+1)', 300, true],
    ['one bucket behind (t-1)', -300, true],
    ['four buckets behind (t-4), a long upload', -1200, true],
    ['two buckets ahead (t+2)', 600, false],
    ['five buckets behind (t-5)', -1500, false],
  ])('%s: accepted=%s', async (_label, shift, accepted) => {
    const principal = await verifier.verify(header(sign(key, now + shift, metadata)), metadata);
    expect(principal !== undefined).toBe(accepted);
  });

  it('uses bucket edges exactly: the last second of t-4 is accepted, the first of t+2 is not', async () => {
    const bucketStart = Math.floor(now / 300) * 300;
    expect(await verifier.verify(header(sign(key, bucketStart - 4 * 300, metadata)), metadata)).toBeDefined();
    expect(await verifier.verify(header(sign(key, bucketStart - 4 * 300 - 1, metadata)), metadata)).toBeUndefined();
    expect(await verifier.verify(header(sign(key, bucketStart + 2 * 300 - 1, metadata)), metadata)).toBeDefined();
    expect(await verifier.verify(header(sign(key, bucketStart + 2 * 300, metadata)), metadata)).toBeUndefined();
  });

  it('refuses a signature when one metadata byte changed', async () => {
    const tampered = Buffer.from(metadata);
    tampered[tampered.length - 3] ^= 0x01;
    expect(await verifier.verify(header(sign(key, now, metadata)), tampered)).toBeUndefined();
  });

  it('refuses a key that was not created for signing, an unknown user and malformed headers', async () => {
    expect(await verifier.verify(header(sign(plainKey, now, metadata)), metadata)).toBeUndefined();
    expect(await verifier.verify(header(sign(key, now, metadata), 'someone'), metadata)).toBeUndefined();
    for (const bad of [undefined, '', 'Bearer', `Bearer allskycam ${sign(key, now, metadata)}`, `Bearer a:b:${sign(key, now, metadata)}`, 'Bearer allskycam:zz']) {
      expect(await verifier.verify(bad, metadata)).toBeUndefined();
    }
  });

  it('does not check the scheme word, as indi-allsky does not', async () => {
    expect(await verifier.verify(`Token allskycam:${sign(key, now, metadata)}`, metadata)).toBeDefined();
  });

  it('refuses a revoked key and an inactive user', async () => {
    const users = t.app.get(UserService);
    const keys = t.app.get(ApiKeyService);
    const other = await users.create({ username: 'cam2', password: 'camera-password', roles: ['uploader'] });
    const created = await keys.create(other.id, { name: 'sync', scope: 'upload', signing: true });
    expect(await verifier.verify(header(sign(created.key, now, metadata), 'cam2'), metadata)).toBeDefined();
    await keys.revoke(other.id, created.entity.id);
    expect(await verifier.verify(header(sign(created.key, now, metadata), 'cam2'), metadata)).toBeUndefined();
    const again = await keys.create(other.id, { name: 'sync2', scope: 'upload', signing: true });
    await users.update(other.id, { isActive: false });
    expect(await verifier.verify(header(sign(again.key, now, metadata), 'cam2'), metadata)).toBeUndefined();
  });
});
