import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { SYSTEM_PROBE, type SystemProbe, type SystemSample } from './system-probe';

/** How long one sample answers every poller: many dashboards polling each second cost one sample. */
export const SYSTEM_SAMPLE_TTL_MS = 1500;

export type SystemInfo = SystemSample & { sampledAt: string };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

@Injectable()
export class SystemInfoService {
  private cached?: { at: number; value: Promise<SystemInfo> };

  constructor(
    @Inject(SYSTEM_PROBE) private readonly probe: SystemProbe,
    private readonly clock: Clock,
  ) {}

  /** The latest sample, taken at most once per SYSTEM_SAMPLE_TTL_MS; concurrent callers share one in-flight sample. */
  system(): Promise<SystemInfo> {
    const now = this.clock.nowMs();
    if (this.cached && now - this.cached.at < SYSTEM_SAMPLE_TTL_MS) return this.cached.value;
    const value = this.probe.sample().then((s) => ({ ...s, sampledAt: this.clock.now().toISOString() }));
    this.cached = { at: now, value };
    value.catch(() => (this.cached = undefined)); // a failed sample is not served again
    return value;
  }

  /** The Allsky Server's /system/top: the 20 busiest processes by CPU as an HTML table. */
  async topHtml(): Promise<string> {
    const top = (await this.probe.processes()).sort((a, b) => b.cpuPercent - a.cpuPercent || a.pid - b.pid).slice(0, 20);
    const rows = top.map((p) => `<tr><td>${p.pid}</td><td>${p.cpuPercent.toFixed(1)}</td><td>${p.memPercent.toFixed(1)}</td><td>${escapeHtml(p.name)}</td></tr>`);
    return [
      '<table class="table table-striped table-condensed">',
      '<thead><tr><th>PID</th><th>CPU%</th><th>MEM%</th><th>Name</th></tr></thead>',
      `<tbody>${rows.join('')}</tbody>`,
      '</table>',
    ].join('\n');
  }
}
