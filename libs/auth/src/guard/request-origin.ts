import type { Request } from 'express';

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * True when the TCP peer is this machine and nothing says the request was relayed. The Allsky
 * Server believes X-Forwarded-For instead, so anyone could claim to be local; here a proxy on the
 * same machine (which connects from loopback and adds forwarding headers) never makes a request local.
 */
export function isDirectLoopbackRequest(req: Pick<Request, 'headers' | 'socket'>): boolean {
  return isLoopbackAddress(req.socket?.remoteAddress) && !FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined);
}

/** The client's address: the peer, or what a trusted proxy says (Express 'trust proxy' is set from TRUSTED_PROXIES). */
export function clientAddress(req: Pick<Request, 'ip' | 'socket'>): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}
