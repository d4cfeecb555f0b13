import { createSecretKey, randomBytes } from 'node:crypto';
import { AppConfig, ManualClock } from '@app/core';
import jwt from 'jsonwebtoken';
import type { AuthSecrets } from './auth-secrets';
import { TokenService } from './token.service';
import { builtModule, runInFreshNode } from '../../../core/test/built-module';

const { file: built, describeBuilt } = builtModule('libs/auth/src/crypto/token.service.js', 'token service start-up');

describe('TokenService', () => {
  const secrets = { jwtKey: createSecretKey(randomBytes(64)) } as AuthSecrets;
  const config = new AppConfig({ port: 0, host: '127.0.0.1', dataDir: '/tmp', database: { kind: 'pglite', dataDir: 'memory://' }, logLevel: 'silent', uploadMaxBytes: 1 });
  const clock = new ManualClock('2026-11-22T00:00:00Z');
  const tokens = new TokenService(secrets, config, clock);
  const user = { id: '3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c', username: 'ada' };

  describeBuilt('at start', () => {
    it('loads jsonwebtoken with the first token, not with the module (~40 ms of every start)', () => {
      const script = `
        const { TokenService } = require(${JSON.stringify(built)});
        const atLoad = loaded('/node_modules/jsonwebtoken/');
        const key = require('node:crypto').createSecretKey(Buffer.alloc(32, 7));
        const tokens = new TokenService({ jwtKey: key }, { auth: { jwtTtlSeconds: 60 } }, { nowMs: () => Date.now() });
        const claims = tokens.verify(tokens.sign({ id: 'u1', username: 'ada' }, {}));
        console.log(JSON.stringify({ atLoad, afterSign: loaded('/node_modules/jsonwebtoken/'), sub: claims && claims.sub }));`;
      expect(runInFreshNode(script)).toEqual({ atLoad: false, afterSign: true, sub: 'ada' });
    });
  });

  it('verifies with a KeyObject, never a string secret (a string costs ~60x more per request)', () => {
    expect(secrets.jwtKey.type).toBe('secret');
    const spy = jest.spyOn(jwt, 'verify');
    tokens.verify(tokens.sign(user, { gpio: ['read'] }));
    expect(spy.mock.calls[0][1]).toBe(secrets.jwtKey);
    spy.mockRestore();
  });

  it('round-trips the Allsky Server claims and refuses the token once expired, also when remembered', () => {
    const token = tokens.sign(user, { gpio: ['read'] });
    expect(tokens.verify(token)).toMatchObject({ sub: 'ada', uid: user.id, permissions: { gpio: ['read'] } });
    expect(tokens.verify(token)).toBeDefined(); // the remembered path
    clock.advance(1800_000);
    expect(tokens.verify(token)).toBeUndefined();
  });

  it('refuses other algorithms, other keys and edited tokens', () => {
    const good = tokens.sign(user, {});
    const [h, p] = good.split('.');
    expect(tokens.verify(`${h}.${p}.${'A'.repeat(43)}`)).toBeUndefined();
    expect(tokens.verify(jwt.sign({ sub: 'ada', uid: user.id, permissions: {} }, 'another-secret-of-enough-length-123456'))).toBeUndefined();
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    expect(tokens.verify(none)).toBeUndefined();
    expect(tokens.verify('not.a.token')).toBeUndefined();
  });
});
