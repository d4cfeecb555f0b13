import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DatabaseProbe } from '../database/database-probe';
import type { HealthDto } from './health.dto';

@Injectable()
export class HealthService {
  constructor(
    private readonly probe: DatabaseProbe,
    private readonly config: AppConfig,
  ) {}

  async getHealth(): Promise<HealthDto> {
    const db = await this.probe.check();
    return {
      status: db.reachable ? 'ok' : 'unavailable',
      version: this.config.version,
      uptimeSeconds: Math.round(process.uptime() * 10) / 10,
      database: { status: db.reachable ? 'up' : 'down', driver: db.driver, latencyMs: db.latencyMs, error: db.error },
    };
  }
}
