import { loadavg } from 'node:os';

export const SYSTEM_PROBE = Symbol('SYSTEM_PROBE');

export interface SystemSample {
  cpu: { loadPercent: number; loadAverage: number[]; cores: number; temperatureC: number | null };
  memory: { totalBytes: number; usedBytes: number; availableBytes: number; usedPercent: number };
  disks: { mount: string; fs: string; type: string; sizeBytes: number; usedBytes: number; usedPercent: number }[];
  uptimeSeconds: number;
  network: { iface: string; state: string; rxBytes: number; txBytes: number; rxBytesPerSecond: number | null; txBytesPerSecond: number | null }[];
}

export interface ProcessSample {
  pid: number;
  name: string;
  cpuPercent: number;
  memPercent: number;
}

/** Reads the machine; behind SYSTEM_PROBE so tests can count or replace samples. */
export interface SystemProbe {
  sample(): Promise<SystemSample>;
  processes(): Promise<ProcessSample[]>;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

// Loaded on the first sample, not at start-up: most servers never open the dashboard (bench/startup.js).
const systeminformation = async () => (await import('systeminformation')).default;

/** The real machine through systeminformation (CPU temperature is null where no sensor is exposed). */
export class SysteminformationProbe implements SystemProbe {
  async sample(): Promise<SystemSample> {
    const si = await systeminformation();
    const [load, temperature, mem, disks, network] = await Promise.all([si.currentLoad(), si.cpuTemperature(), si.mem(), si.fsSize(), si.networkStats('*')]);
    return {
      cpu: { loadPercent: round(load.currentLoad), loadAverage: loadavg().map((l) => round(l)), cores: load.cpus.length, temperatureC: temperature.main ?? null },
      memory: { totalBytes: mem.total, usedBytes: mem.active, availableBytes: mem.available, usedPercent: round((mem.active / mem.total) * 100) },
      disks: disks.map((d) => ({ mount: d.mount, fs: d.fs, type: d.type, sizeBytes: d.size, usedBytes: d.used, usedPercent: round(d.use ?? 0) })),
      uptimeSeconds: Math.round(si.time().uptime),
      network: network.map((n) => ({
        iface: n.iface,
        state: n.operstate,
        rxBytes: n.rx_bytes,
        txBytes: n.tx_bytes,
        rxBytesPerSecond: n.rx_sec === null ? null : round(n.rx_sec),
        txBytesPerSecond: n.tx_sec === null ? null : round(n.tx_sec),
      })),
    };
  }

  async processes(): Promise<ProcessSample[]> {
    const si = await systeminformation();
    const { list } = await si.processes();
    return list.map((p) => ({ pid: p.pid, name: p.name, cpuPercent: round(p.cpu), memPercent: round(p.mem) }));
  }
}
