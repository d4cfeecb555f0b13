import type { Request } from 'express';

/** A credential as the caller presented it, before it is checked. */
export type PresentedCredential = { kind: 'jwt'; token: string } | { kind: 'api-key'; key: string; form: string } | { kind: 'unsupported'; reason: string };

/**
 * Reads the credential forms of the five systems, first match wins:
 * Authorization: Bearer <jwt> | Basic <key> (Mycodo: the key itself, not user:password),
 * X-API-KEY, X-Arcsecond-API-Authorization: Key <key>, ?api_key=.
 */
export function readCredential(req: Pick<Request, 'headers' | 'query'>): PresentedCredential | undefined {
  const authorization = req.headers.authorization;
  if (authorization) {
    const [scheme, value, ...rest] = authorization.trim().split(/\s+/);
    if (!value || rest.length) return { kind: 'unsupported', reason: 'Authorization header must be "<scheme> <credential>"' };
    switch (scheme.toLowerCase()) {
      case 'bearer':
        if (value.split('.').length === 3) return { kind: 'jwt', token: value };
        if (value.includes(':')) return { kind: 'unsupported', reason: 'signed "Bearer user:signature" credentials are only accepted by the SyncAPI upload routes' };
        return { kind: 'unsupported', reason: 'Bearer credential is not a JWT' };
      case 'basic':
        return { kind: 'api-key', key: value, form: 'basic' };
      default:
        return { kind: 'unsupported', reason: `unsupported Authorization scheme "${scheme}"` };
    }
  }
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return { kind: 'api-key', key: header.trim(), form: 'x-api-key' };
  const arcsecond = req.headers['x-arcsecond-api-authorization'];
  if (typeof arcsecond === 'string' && arcsecond) {
    const match = /^Key\s+(\S+)$/i.exec(arcsecond.trim());
    return match ? { kind: 'api-key', key: match[1], form: 'arcsecond' } : { kind: 'unsupported', reason: 'X-Arcsecond-API-Authorization must be "Key <key>"' };
  }
  const query = req.query?.api_key;
  if (typeof query === 'string' && query) return { kind: 'api-key', key: query, form: 'query' };
  return undefined;
}
