import type { Request } from 'express';
import { readCredential } from './credentials';
import { isDirectLoopbackRequest } from './request-origin';

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

describe('isDirectLoopbackRequest', () => {
  const from = (remoteAddress: string, headers: Record<string, string> = {}) => ({ headers, socket: { remoteAddress } }) as unknown as Request;

  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('treats %s without forwarding headers as local', (address) => {
    expect(isDirectLoopbackRequest(from(address))).toBe(true);
  });

  it.each(['10.0.0.5', '192.168.1.2', '::ffff:192.168.1.2', '2001:db8::1'])('treats %s as remote', (address) => {
    expect(isDirectLoopbackRequest(from(address))).toBe(false);
  });

  it.each(['x-forwarded-for', 'forwarded', 'x-real-ip'])('never treats a loopback request carrying %s as local', (header) => {
    expect(isDirectLoopbackRequest(from('127.0.0.1', { [header]: '127.0.0.1' }))).toBe(false);
  });
});
