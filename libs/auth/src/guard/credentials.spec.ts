import { hostname } from 'node:os';
import type { Request } from 'express';
import { AppConfig } from '@app/core';
import { readCredential } from './credentials';
import { LoopbackPolicy } from './request-origin';

const req = (headers: Record<string, string> = {}, query: Record<string, string> = {}) => ({ headers, query }) as unknown as Request;

describe('readCredential', () => {
  it('reads a JWT bearer token', () => {
    expect(readCredential(req({ authorization: 'Bearer aaa.bbb.ccc' }))).toEqual({ kind: 'jwt', token: 'aaa.bbb.ccc' });
  });

  it.each([
    [{ authorization: 'Basic sg_key1' }, {}, 'basic'],
    [{ 'x-api-key': 'sg_key1' }, {}, 'x-api-key'],
    [{ 'x-arcsecond-api-authorization': 'Key sg_key1' }, {}, 'arcsecond'],
    [{}, { api_key: 'sg_key1' }, 'query'],
  ])('reads an API key from %j %j', (headers, query, form) => {
    expect(readCredential(req(headers, query))).toEqual({ kind: 'api-key', key: 'sg_key1', form });
  });

  it('prefers the Authorization header over other forms', () => {
    expect(readCredential(req({ authorization: 'Basic from-basic', 'x-api-key': 'from-header' }, { api_key: 'q' }))).toMatchObject({ key: 'from-basic' });
  });

  it('says why it cannot use a credential', () => {
    expect(readCredential(req({ authorization: 'Bearer alice:abcdef' }))).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('SyncAPI') });
    expect(readCredential(req({ authorization: 'Digest x' }))).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('Digest') });
    expect(readCredential(req({ 'x-arcsecond-api-authorization': 'Token abc' }))).toMatchObject({ kind: 'unsupported' });
  });

  it('finds nothing when nothing is sent', () => {
    expect(readCredential(req())).toBeUndefined();
  });
});

describe('LoopbackPolicy', () => {
  const policy = (auth: Partial<AppConfig['auth']> = {}) =>
    new LoopbackPolicy(new AppConfig({ port: 0, host: '127.0.0.1', dataDir: '/tmp', database: { kind: 'pglite', dataDir: 'memory://' }, logLevel: 'info', uploadMaxBytes: 1, auth }));
  const from = (remoteAddress: string, headers: Record<string, string> = {}) => ({ headers: { host: 'localhost:8090', ...headers }, socket: { remoteAddress } }) as unknown as Request;

  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('treats %s without forwarding headers as local', (address) => {
    expect(policy().refusal(from(address))).toBeUndefined();
  });

  it.each(['10.0.0.5', '192.168.1.2', '::ffff:192.168.1.2', '2001:db8::1'])('treats %s as remote', (address) => {
    expect(policy().refusal(from(address))).toBe('not from this machine');
  });

  it.each(['x-forwarded-for', 'forwarded', 'x-real-ip'])('never treats a loopback request carrying %s as local', (header) => {
    expect(policy().refusal(from('127.0.0.1', { [header]: '127.0.0.1' }))).toBe('relayed by a proxy');
  });

  it('never treats a trusted proxy on this machine as local, even without forwarding headers', () => {
    expect(policy({ trustedProxies: ['127.0.0.1'] }).refusal(from('127.0.0.1'))).toBe('relayed by a trusted proxy');
    expect(policy({ trustedProxies: ['loopback'] }).refusal(from('::1'))).toBe('relayed by a trusted proxy');
  });

  it.each(['localhost', 'LOCALHOST:8090', '127.0.0.1:8090', '[::1]:8090', 'dashboard.localhost', hostname(), `${hostname()}:80`])('accepts the own Host name %s', (host) => {
    expect(policy().refusal(from('127.0.0.1', { host }))).toBeUndefined();
  });

  it('refuses a rebound Host name unless ALLOWED_HOSTS lists it', () => {
    expect(policy().refusal(from('127.0.0.1', { host: 'evil.example:8090' }))).toContain('is not a name of this machine');
    expect(policy({ allowedHosts: ['evil.example'] }).refusal(from('127.0.0.1', { host: 'evil.example:8090' }))).toBeUndefined();
  });

  it('refuses cross-origin browser requests unless CORS_ORIGINS lists the origin (not *)', () => {
    expect(policy().refusal(from('127.0.0.1', { origin: 'https://evil.example' }))).toContain('https://evil.example');
    expect(policy().refusal(from('127.0.0.1', { origin: 'null' }))).toContain('null');
    expect(policy().refusal(from('127.0.0.1', { 'sec-fetch-site': 'cross-site' }))).toContain('cross-site');
    expect(policy().refusal(from('127.0.0.1', { 'sec-fetch-site': 'same-site' }))).toContain('same-site');
    expect(policy({ corsOrigins: '*' }).refusal(from('127.0.0.1', { origin: 'https://evil.example' }))).toBeDefined();
    expect(policy({ corsOrigins: ['https://dash.example'] }).refusal(from('127.0.0.1', { origin: 'https://dash.example', 'sec-fetch-site': 'cross-site' }))).toBeUndefined();
  });

  it('keeps same-origin and typed-in requests local', () => {
    expect(policy().refusal(from('127.0.0.1', { origin: 'http://localhost:8090', 'sec-fetch-site': 'same-origin' }))).toBeUndefined();
    expect(policy().refusal(from('127.0.0.1', { 'sec-fetch-site': 'none' }))).toBeUndefined();
  });

  it('trusts nobody when AUTH_TRUST_LOOPBACK is off', () => {
    expect(policy({ trustLoopback: false }).refusal(from('127.0.0.1'))).toBe('loopback trust is off');
  });
});
