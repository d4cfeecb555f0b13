import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DatabaseProbe } from '../database/database-probe';
import { HealthContributors } from './health-contributors';
import type { HealthDto } from './health.dto';

@Injectable()
export class HealthService {
  constructor(
    private readonly probe: DatabaseProbe,
    private readonly config: AppConfig,
    private readonly contributors: HealthContributors,
  ) {}

  async getHealth(): Promise<HealthDto> {
    const db = await this.probe.check();
    return {
      status: db.reachable ? 'ok' : 'unavailable',
      version: this.config.version,
      uptimeSeconds: Math.round(process.uptime() * 10) / 10,
      database: { status: db.reachable ? 'up' : 'down', driver: db.driver, latencyMs: db.latencyMs, reason: db.reason },
      ...this.contributors.collect(),
    };
  }
}
