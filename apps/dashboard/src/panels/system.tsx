import { useRef, useState } from 'preact/hooks';
import type { components } from '@app/sdk';
import { api } from '../api';
import { Chart } from '../chart';
import { bytes, Card, Fields, fmt, usePoll } from '../ui';

type SystemInfo = components['schemas']['SystemInfoDto'];
const HISTORY = 360; // 30 minutes at one sample every 5 s

function duration(seconds: number | undefined): string {
  if (seconds === undefined) return '–';
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d ? `${d} d ${h} h` : h ? `${h} h ${m} min` : `${m} min`;
}

/** System: /dashboard/system (sampled every 5 s, charted while the page is open) and Skygate's /health. */
export function SystemPanel() {
  const history = useRef<number[][]>([[], [], []]);
  const [series, setSeries] = useState<number[][]>([[], [], []]);
  const { data: system } = usePoll(async () => {
    const info: SystemInfo | undefined = (await api.GET('/dashboard/system')).data;
    if (info) {
      const [t, cpu, mem] = history.current;
      t.push(Date.parse(info.sampledAt) / 1000);
      cpu.push(info.cpu.loadPercent);
      mem.push(info.memory.usedPercent);
      history.current = history.current.map((s) => s.slice(-HISTORY));
      setSeries(history.current.map((s) => [...s]));
    }
    return info;
  }, 5_000);
  const { data: health } = usePoll(async () => (await api.GET('/health')).data, 10_000);
  return (
    <div class="grid">
      <Card title="Skygate">
        <Fields
          rows={[
            ['Status', <span class={health?.status === 'ok' ? 'badge ok' : 'badge off'}>{health?.status ?? 'unknown'}</span>],
            ['Version', health?.version],
            ['Database', health ? `${health.database.driver} ${health.database.status}` : undefined],
            ['Up', duration(health?.uptimeSeconds)],
          ]}
        />
      </Card>
      <Card title="Computer">
        <Fields
          rows={[
            ['CPU', system ? `${fmt(system.cpu.loadPercent)} % of ${system.cpu.cores} cores` : undefined],
            ['Load', system?.cpu.loadAverage.map((n) => n.toFixed(2)).join(' ')],
            ['Temperature', system?.cpu.temperatureC == null ? undefined : `${fmt(system.cpu.temperatureC)} °C`],
            ['Memory', system ? `${bytes(system.memory.usedBytes)} of ${bytes(system.memory.totalBytes)}` : undefined],
            ['Up', duration(system?.uptimeSeconds)],
          ]}
        />
      </Card>
      <Card title="Load" wide>
        {series[0].length < 2 ? <p class="muted">Collecting samples (one every 5 s)…</p> : <Chart label="CPU and memory use, percent, over the last 30 minutes" data={series} series={[{ label: 'CPU %' }, { label: 'memory %' }]} />}
      </Card>
      <Card title="Disks">
        <ul class="plain">
          {(system?.disks ?? []).map((d) => (
            <li key={d.mount}>
              <strong>{d.mount}</strong> {fmt(d.usedPercent, 0)} % of {bytes(d.sizeBytes)}
              <progress max={100} value={d.usedPercent} aria-label={`${d.mount} used`} />
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
