import { hostname, networkInterfaces } from 'node:os';
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import proxyAddr from 'proxy-addr';
import { AppConfig } from '@app/core';

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];
const OWN_NAMES_REFRESH_MS = 60_000;

type OriginRequest = Pick<Request, 'headers' | 'socket'>;

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** `Host: [::1]:8090` → `::1`, `Example.local:80` → `example.local`. */
export function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']') > 0 ? lower.indexOf(']') : undefined);
  return lower.replace(/:\d*$/, '').replace(/\.$/, '');
}

/**
 * Whether a request from this machine may skip authentication (AUTH_TRUST_LOOPBACK), which must
 * not extend to whatever a browser on this machine is made to send:
 * - the TCP peer is 127.0.0.0/8 or ::1, is not a TRUSTED_PROXIES proxy, and no forwarding header
 *   (Forwarded, X-Forwarded-For, X-Real-IP) says the request was relayed;
 * - the Host header names this machine (localhost, 127.x, ::1, its host name, its interface
 *   addresses) or an ALLOWED_HOSTS entry, so a DNS-rebound name (evil.example → 127.0.0.1) is not local;
 * - a browser's cross-origin request (Origin not this server's own, or Sec-Fetch-Site cross-site /
 *   same-site) is not local unless its Origin is listed in CORS_ORIGINS (`*` lists nobody here).
 * A request that fails these is not refused: it is simply not trusted and needs credentials,
 * which a hostile page cannot add (Skygate uses no cookies).
 */
@Injectable()
export class LoopbackPolicy {
  private readonly trustedProxy: (address: string, hop: number) => boolean;
  private readonly listedOrigins: Set<string>;
  private ownNames = new Set<string>();
  private ownNamesAt = -Infinity;

  constructor(private readonly config: AppConfig) {
    this.trustedProxy = proxyAddr.compile(config.auth.trustedProxies);
    this.listedOrigins = new Set(config.auth.corsOrigins === '*' ? [] : config.auth.corsOrigins);
  }

  /** Undefined when the request counts as local, otherwise why not. */
  refusal(req: OriginRequest): string | undefined {
    if (!this.config.auth.trustLoopback) return 'loopback trust is off';
    const peer = req.socket?.remoteAddress;
    if (!isLoopbackAddress(peer)) return 'not from this machine';
    if (this.trustedProxy(peer!, 0)) return 'relayed by a trusted proxy';
    if (FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined)) return 'relayed by a proxy';
    const host = req.headers.host;
    if (host !== undefined && !this.isOwnHost(hostName(host))) return `Host "${host}" is not a name of this machine`;
    return this.crossSiteRefusal(req, host);
  }

  private crossSiteRefusal(req: OriginRequest, host: string | undefined): string | undefined {
    const origin = header(req, 'origin');
    const site = header(req, 'sec-fetch-site')?.toLowerCase();
    const listed = origin !== undefined && this.listedOrigins.has(origin);
    if (listed) return undefined;
    if (origin !== undefined && !(host && (origin === `http://${host}` || origin === `https://${host}`))) return `a browser request from ${origin}`;
    if (site === 'cross-site' || site === 'same-site') return `a ${site} browser request`;
    return undefined;
  }

  private isOwnHost(name: string): boolean {
    if (name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name)) return true;
    if (this.config.auth.allowedHosts.includes(name)) return true;
    const now = Date.now();
    if (now - this.ownNamesAt > OWN_NAMES_REFRESH_MS) {
      const own = hostname().toLowerCase();
      const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address.toLowerCase().replace(/%.*$/, '')));
      this.ownNames = new Set([own, `${own}.local`, ...addresses]);
      this.ownNamesAt = now;
    }
    return this.ownNames.has(name);
  }
}

function header(req: OriginRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The client's address: the peer, or what a trusted proxy says (Express 'trust proxy' is set from TRUSTED_PROXIES). */
export function clientAddress(req: Pick<Request, 'ip' | 'socket'>): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}
