import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseBusyError } from './pglite-pool';

/** Why the database counts as down; a category, never the driver's text (that goes to the log). */
export type DatabaseDownReason = 'unreachable' | 'timeout' | 'busy' | 'schema-missing';

export interface DatabaseStatus {
  reachable: boolean;
  driver: 'pglite' | 'postgres';
  latencyMs?: number;
  reason?: DatabaseDownReason;
}

/** The name TypeORM records for a migration (its `name`, else its class name). */
function migrationName(migration: { name?: string; constructor: { name: string } }): string {
  return migration.name || migration.constructor.name;
}

/** A missing migrations table is a lost schema, not a lost server (42P01: undefined_table); a full queue is load. */
function downReason(err: unknown): DatabaseDownReason {
  if (err instanceof DatabaseBusyError || (err as { driverError?: unknown }).driverError instanceof DatabaseBusyError) return 'busy';
  const e = err as { driverError?: { code?: string }; code?: string };
  return e.driverError?.code === '42P01' || e.code === '42P01' ? 'schema-missing' : 'unreachable';
}

/**
 * Answers "can this process serve requests from the database right now?" without ever throwing:
 * the database answers AND its schema is there (the newest migration this build knows is
 * recorded), so a database that lost its tables reads as down instead of "up" while every
 * request fails.
 */
@Injectable()
export class DatabaseProbe {
  private readonly logger = new Logger('DatabaseProbe');
  private lastProblem?: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async check(timeoutMs = 2000): Promise<DatabaseStatus> {
    const driver = this.config.database.kind;
    if (!this.dataSource.isInitialized) return this.down(driver, 'unreachable', 'database connection is closed');
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const answer = await Promise.race([this.schemaPresent(), timedOut]);
      if (answer === 'timeout') return this.down(driver, 'timeout', `no answer within ${timeoutMs} ms`);
      if (!answer) return this.down(driver, 'schema-missing', 'the newest migration is not recorded: the schema is missing or older than this build');
      this.recovered();
      return { reachable: true, driver, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return this.down(driver, downReason(err), message);
    } finally {
      clearTimeout(timer);
    }
  }

  /** True when the migrations table records the newest migration this build carries. */
  private async schemaPresent(): Promise<boolean> {
    const migrations = this.dataSource.migrations;
    const table = this.dataSource.options.migrationsTableName ?? 'migrations';
    if (migrations.length === 0) {
      await this.dataSource.query('SELECT 1');
      return true;
    }
    // TypeORM orders migrations by the timestamp that ends their name; the list may come in any order.
    const timestamp = (name: string) => Number(/\d{13}$/.exec(name)?.[0] ?? 0);
    const names = migrations.map((m) => migrationName(m as unknown as { name?: string; constructor: { name: string } }));
    const newest = names.reduce((a, b) => (timestamp(b) > timestamp(a) ? b : a));
    const rows = (await this.dataSource.query(`SELECT 1 FROM "${table}" WHERE "name" = $1`, [newest])) as unknown[];
    return rows.length > 0;
  }

  /** Logs the cause once per change of state: the reply carries only the category. */
  private down(driver: DatabaseStatus['driver'], reason: DatabaseDownReason, detail: string): DatabaseStatus {
    const problem = `${reason}: ${detail}`;
    if (problem !== this.lastProblem) this.logger.warn(`database health: ${problem}`);
    this.lastProblem = problem;
    return { reachable: false, driver, reason };
  }

  private recovered(): void {
    if (this.lastProblem) this.logger.log('database health: up again');
    this.lastProblem = undefined;
  }
}
