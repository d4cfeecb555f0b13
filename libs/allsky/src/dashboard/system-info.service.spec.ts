import { ManualClock } from '@app/core';
import type { ProcessSample, SystemProbe, SystemSample } from './system-probe';
import { SYSTEM_SAMPLE_TTL_MS, SystemInfoService } from './system-info.service';

class CountingProbe implements SystemProbe {
  samples = 0;
  procs: ProcessSample[] = [];
  async sample(): Promise<SystemSample> {
    this.samples++;
    return {
      cpu: { loadPercent: this.samples, loadAverage: [0, 0, 0], cores: 2, temperatureC: null },
      memory: { totalBytes: 100, usedBytes: 50, availableBytes: 50, usedPercent: 50 },
      disks: [],
      uptimeSeconds: 10,
      network: [],
    };
  }
  async processes(): Promise<ProcessSample[]> {
    return this.procs;
  }
}

describe('SystemInfoService', () => {
  it('serves one sample to every caller within the cache time, then samples again', async () => {
    const probe = new CountingProbe();
    const clock = new ManualClock('2026-11-22T00:00:00Z');
    const service = new SystemInfoService(probe, clock);
    const [a, b] = await Promise.all([service.system(), service.system()]);
    clock.advance(SYSTEM_SAMPLE_TTL_MS - 1);
    const c = await service.system();
    expect(probe.samples).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
    clock.advance(1);
    const d = await service.system();
    expect(probe.samples).toBe(2);
    expect(d.cpu.loadPercent).toBe(2);
    expect(d.sampledAt).toBe('2026-11-22T00:00:01.500Z');
  });

  it('/system/top lists the 20 busiest processes by CPU, names escaped', async () => {
    const probe = new CountingProbe();
    probe.procs = Array.from({ length: 25 }, (_, i) => ({ pid: 100 + i, name: i === 24 ? '<evil>' : `p${i}`, cpuPercent: i, memPercent: 1 }));
    const html = await new SystemInfoService(probe, new ManualClock()).topHtml();
    const pids = [...html.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(pids).toHaveLength(20);
    expect(pids[0]).toBe(124);
    expect(pids.at(-1)).toBe(105);
    expect(html).toContain('&#60;evil&#62;');
    expect(html).toContain('<th>PID</th><th>CPU%</th><th>MEM%</th><th>Name</th>');
  });
});
