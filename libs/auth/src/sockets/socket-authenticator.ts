import type { IncomingMessage } from 'node:http';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import { AppConfig, Clock, type PermissionAction } from '@app/core';
import { hasPermission } from '../permissions/permissions';
import { AuthDirectory, type AuthChange } from '../services/auth-directory';
import type { Principal } from '../services/principal';
import { RequestAuthenticator } from '../services/request-authenticator';

/** Close codes for refused or ended sockets (RFC 6455 private range, mirroring HTTP 401 and 403). */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;

export interface SocketRefusal {
  code: typeof CLOSE_UNAUTHORIZED | typeof CLOSE_FORBIDDEN;
  reason: string;
}

/** What a socket needs: `action` on `resource`, or on any one of several resources. */
export interface SocketAccess {
  resource: string | readonly string[];
  action: PermissionAction;
}

interface OpenSocket {
  request: IncomingMessage;
  access: SocketAccess;
  principal: Principal;
  expiry?: NodeJS.Timeout;
}

/** setTimeout's longest delay; a later expiry is caught by the periodic re-check instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The one websocket authenticator (the HTTP guard does not run for upgrades). On connect it
 * applies the HTTP rules through RequestAuthenticator (`?token=`, `?api_key=`, the headers,
 * loopback trust) and the socket's permission. While the socket is open it stays accountable:
 * every change of a user, role or key (AuthDirectory.changes, which include other processes'
 * writes on PostgreSQL) re-checks the sockets concerned, a periodic re-check backs that up every
 * AUTH_CACHE_TTL_SECONDS, and a JWT socket closes when its token expires. Ended credentials close
 * with 4401, a permission taken away with 4403.
 */
@Injectable()
export class SocketAuthenticator implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SocketAuth');
  private readonly open = new Map<WebSocket, OpenSocket>();
  private subscription?: Subscription;
  private sweep?: NodeJS.Timeout;

  constructor(
    private readonly authenticator: RequestAuthenticator,
    private readonly directory: AuthDirectory,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.subscription = this.directory.changes.subscribe((change) => void this.recheckAffected(change));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    clearInterval(this.sweep);
    for (const entry of this.open.values()) clearTimeout(entry.expiry);
    this.open.clear();
  }

  /** The caller's principal when allowed, otherwise why not and the close code to use. */
  async check(request: IncomingMessage, access: SocketAccess): Promise<Principal | SocketRefusal> {
    const principal = await this.authenticator.authenticateUpgrade(request);
    if (typeof principal === 'string') return { code: CLOSE_UNAUTHORIZED, reason: principal };
    if (principal.apiKey?.scope === 'upload') return { code: CLOSE_FORBIDDEN, reason: 'an upload-scoped API key may only be used to upload' };
    const resources = typeof access.resource === 'string' ? [access.resource] : access.resource;
    if (!resources.some((resource) => hasPermission(principal.permissions, resource, access.action))) {
      return { code: CLOSE_FORBIDDEN, reason: `missing permission ${resources.join('|')}:${access.action}` };
    }
    return principal;
  }

  /**
   * Checks a freshly opened socket and closes it when refused; an admitted socket is tracked until
   * it closes. Messages that arrive meanwhile should wait for the outcome (none may act, nothing
   * may leak to a refused client).
   */
  async admit(client: WebSocket, request: IncomingMessage, access: SocketAccess, onRefused?: (reason: string) => void): Promise<boolean> {
    const outcome = await this.check(request, access);
    if (isRefusal(outcome)) {
      onRefused?.(outcome.reason);
      close(client, outcome);
      return false;
    }
    if (client.readyState !== client.OPEN) return false;
    const entry: OpenSocket = { request, access, principal: outcome };
    this.open.set(client, entry);
    this.scheduleExpiry(client, entry);
    client.once('close', () => this.forget(client));
    this.sweep ??= setInterval(() => void this.recheck([...this.open.keys()]), this.config.auth.cacheTtlSeconds * 1000).unref();
    return true;
  }

  /** The current principal of an admitted socket (permissions as of the last re-check). */
  principalOf(client: WebSocket): Principal | undefined {
    return this.open.get(client)?.principal;
  }

  /** How many admitted sockets are open (tests wait on it). */
  get openCount(): number {
    return this.open.size;
  }

  private recheckAffected(change: AuthChange): Promise<void> {
    const clients = [...this.open].filter(([, entry]) => !('user' in change) || entry.principal.user?.id === change.user).map(([client]) => client);
    return this.recheck(clients);
  }

  private async recheck(clients: WebSocket[]): Promise<void> {
    await Promise.all(
      clients.map(async (client) => {
        const entry = this.open.get(client);
        if (!entry) return;
        const outcome = await this.check(entry.request, entry.access).catch((err: Error) => {
          this.logger.error(`could not re-check a socket: ${err.message}`);
          return undefined;
        });
        if (!outcome || !this.open.has(client)) return;
        if (isRefusal(outcome)) {
          this.logger.log(`closing a socket of ${entry.principal.user?.username ?? 'a loopback caller'}: ${outcome.reason}`);
          this.forget(client);
          close(client, outcome);
          return;
        }
        entry.principal = outcome;
        this.scheduleExpiry(client, entry);
      }),
    );
  }

  private scheduleExpiry(client: WebSocket, entry: OpenSocket): void {
    clearTimeout(entry.expiry);
    entry.expiry = undefined;
    if (entry.principal.expiresAt === undefined) return;
    const delay = Math.max(0, entry.principal.expiresAt * 1000 - this.clock.nowMs());
    if (delay > MAX_TIMER_MS) return;
    entry.expiry = setTimeout(() => {
      this.forget(client);
      close(client, { code: CLOSE_UNAUTHORIZED, reason: 'token expired; log in again' });
    }, delay).unref();
  }

  private forget(client: WebSocket): void {
    clearTimeout(this.open.get(client)?.expiry);
    this.open.delete(client);
    if (this.open.size === 0 && this.sweep) {
      clearInterval(this.sweep);
      this.sweep = undefined;
    }
  }
}

function isRefusal(outcome: Principal | SocketRefusal): outcome is SocketRefusal {
  return 'code' in outcome;
}

function close(client: WebSocket, refusal: SocketRefusal): void {
  if (client.readyState === client.OPEN || client.readyState === client.CONNECTING) client.close(refusal.code, refusal.reason.slice(0, 120));
}
