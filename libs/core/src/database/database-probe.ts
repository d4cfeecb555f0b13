import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

export interface DatabaseStatus {
  reachable: boolean;
  driver: 'pglite' | 'postgres';
  latencyMs?: number;
  error?: string;
}

/** Answers "can we reach the database right now?" without ever throwing. */
@Injectable()
export class DatabaseProbe {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async check(timeoutMs = 2000): Promise<DatabaseStatus> {
    const driver = this.config.database.kind;
    if (!this.dataSource.isInitialized) return { reachable: false, driver, error: 'database connection is closed' };
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      return { reachable: true, driver, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
    } catch (err) {
      return { reachable: false, driver, error: err instanceof Error ? err.message : String(err) };
    } finally {
      clearTimeout(timer);
    }
  }
}
