import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';

const KEPT_LINES = 1000;

/** The daemon's own log, kept in memory for `GET /api/log/tail/daemon/{lines}`. */
@Injectable()
export class DaemonLog {
  private readonly lines: string[] = [];

  constructor(private readonly clock: Clock) {}

  add(level: 'log' | 'error', message: string): void {
    this.lines.push(`${this.clock.now().toISOString()} - ${level === 'error' ? 'ERROR' : 'INFO'} - ${message}`);
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
  }

  tail(count: number): string[] {
    return this.lines.slice(-count);
  }
}
