import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { AUTH_CHANGE_CHANNEL } from '../migrations/1796000000000-auth-change-notify';
import { AuthDirectory } from './auth-directory';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * Brings changes written by other processes (the CLI beside the server, a second server) into
 * this one: a dedicated PostgreSQL connection LISTENs on the channel the auth tables' triggers
 * NOTIFY, and each notification makes the directory forget (which also re-checks open sockets).
 * After a lost connection everything is forgotten, since notifications may have been missed.
 * PGlite is single-process: this process's own services already tell the directory.
 */
@Injectable()
export class AuthChangeListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuthChanges');
  private client?: Client;
  private retryMs = RECONNECT_MIN_MS;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly directory: AuthDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Not connected: the OpenAPI generator builds the app without a database.
    if (this.config.database.kind !== 'postgres' || !this.dataSource.isInitialized) return;
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
  }

  /** True while notifications arrive (tests wait for it). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    if (this.config.database.kind !== 'postgres' || this.stopped) return;
    const client = new Client({ connectionString: this.config.database.url, application_name: 'skygate-auth-listener' });
    client.on('notification', (message) => this.apply(message.payload));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN "${AUTH_CHANGE_CHANNEL}"`);
    } catch (err) {
      this.lost(client, err as Error);
      return;
    }
    this.client = client;
    this.retryMs = RECONNECT_MIN_MS;
    // Anything written while no one listened is unknown: start from the database again.
    this.directory.forgetAll();
  }

  private lost(client: Client, err: Error): void {
    if (this.stopped || (this.client && this.client !== client)) return;
    this.client = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.retryTimer) return;
    this.logger.warn(`auth change notifications lost (${err.message}); reconnecting in ${this.retryMs} ms, cached credentials expire within ${this.config.auth.cacheTtlSeconds} s meanwhile`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
  }

  private apply(payload: string | undefined): void {
    let change: { user?: unknown; key?: unknown; all?: unknown };
    try {
      change = JSON.parse(payload ?? '') as typeof change;
    } catch {
      change = { all: true };
    }
    if (typeof change.key === 'string') this.directory.forgetKey(change.key);
    if (typeof change.user === 'string') this.directory.forgetUser(change.user);
    if (change.all || (typeof change.key !== 'string' && typeof change.user !== 'string')) this.directory.forgetAll();
  }
}
