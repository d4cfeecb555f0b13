import { useMemo } from 'preact/hooks';
import type { components } from '@app/sdk';
import { api, can } from '../api';
import { Chart } from '../chart';
import { ActionButton, Badge, Card, Fields, fmt, time, usePoll } from '../ui';

type DeviceMeasurement = components['schemas']['DeviceMeasurementDto'];
type PidSettings = components['schemas']['PidSettingsDto'];
type PidState = components['schemas']['PidStateDto'];

const DAY_S = 86_400;
/** Points per graph: the server averages a day into this many buckets (one every ~2 min). */
const GRAPH_POINTS = 720;
/** Measurements arrive every input period (often a minute or more): a graph refresh each 30 s follows them closely enough. */
const GRAPH_POLL_MS = 30_000;
/** A PID steps every period (seconds): its state is read every 5 s. */
const PID_POLL_MS = 5_000;

interface Series {
  measurement: DeviceMeasurement;
  label: string;
  data: number[][];
}

/** The inputs' measurements (Mycodo's device measurement settings) and each one's last 24 h. */
async function loadSeries(): Promise<Series[] | undefined> {
  const [settings, inputs] = await Promise.all([api.GET('/api/settings/device_measurements'), api.GET('/api/inputs')]);
  if (!settings.data) return undefined;
  const names = new Map((inputs.data?.['input settings'] ?? []).map((i) => [i.unique_id, i.name]));
  const measured = settings.data['device measurement settings'].filter((m) => m.device_type === 'input' && m.is_enabled);
  return Promise.all(
    measured.map(async (m) => {
      const { data } = await api.GET('/api/measurements/past/{unique_id}/{unit}/{channel}/{past_seconds}', {
        params: { path: { unique_id: m.device_id, unit: m.unit, channel: String(m.channel), past_seconds: String(DAY_S) }, query: { limit: String(GRAPH_POINTS) } },
      });
      const points = (data?.measurements ?? []).filter((p): p is { time: number; value: number } => p.time !== null && p.value !== null);
      const what = m.name || m.measurement;
      return { measurement: m, label: `${names.get(m.device_id) ?? m.device_id} · ${what} (${m.unit})`, data: [points.map((p) => p.time), points.map((p) => p.value)] };
    }),
  );
}

function SensorGraph({ series }: { series: Series }) {
  const [times, values] = series.data;
  const last = values.length ? values[values.length - 1] : undefined;
  const spec = useMemo(() => [{ label: series.measurement.unit, fill: true }], [series.measurement.unit]);
  return (
    <figure class="sensor" data-series={`${series.measurement.device_id}/${series.measurement.unit}/${series.measurement.channel}`} data-points={times.length}>
      <figcaption>
        {series.label}: <strong>{last === undefined ? '–' : `${fmt(last, 2)} ${series.measurement.unit}`}</strong>
      </figcaption>
      {times.length ? <Chart label={`${series.label}, last 24 h`} data={series.data} series={spec} /> : <p class="muted">No measurement in the last 24 h.</p>}
    </figure>
  );
}

/** Mycodo inputs' measurements of the last 24 h, one zoomable uPlot graph each (drag to zoom, double-click to reset). */
function SensorGraphs() {
  const { data: series } = usePoll(loadSeries, GRAPH_POLL_MS, (e) => e.name === 'daemon.device-changed');
  return (
    <Card title="Sensors (24 h)" full>
      {!series ? <p class="muted">Loading…</p> : series.length === 0 ? <p class="muted">No input measures anything yet.</p> : series.map((s) => <SensorGraph key={s.measurement.unique_id} series={s} />)}
      {series && series.length > 0 && <p class="muted hint">Drag across a graph to zoom in; double-click to see the whole day again.</p>}
    </Card>
  );
}

async function loadPids(): Promise<{ settings: PidSettings; state: PidState | undefined }[] | undefined> {
  const { data } = await api.GET('/api/pids');
  if (!data) return undefined;
  return Promise.all(
    data['pid settings'].map(async (settings) => ({
      settings,
      state: (await api.GET('/api/pids/{unique_id}/state', { params: { path: { unique_id: settings.unique_id } } })).data,
    })),
  );
}

function pidMode(state: PidState | undefined): { text: string; on: boolean } {
  if (!state?.is_activated) return { text: 'inactive', on: false };
  if (state.is_paused) return { text: 'paused', on: false };
  if (state.is_held) return { text: 'held', on: true };
  return { text: 'active', on: true };
}

function PidCard({ settings, state, reload }: { settings: PidSettings; state: PidState | undefined; reload: () => void }) {
  const mode = pidMode(state);
  const allowed = can('daemon', 'update');
  const act = (action: 'pause' | 'resume') => async () => {
    const path = action === 'pause' ? '/api/pids/{unique_id}/pause' : '/api/pids/{unique_id}/resume';
    const { response } = await api.POST(path, { params: { path: { unique_id: settings.unique_id } } });
    reload();
    return response.ok ? undefined : `failed (${response.status})`;
  };
  return (
    <Card title={`PID ${settings.name}`}>
      <div class="pid" data-pid={settings.unique_id} data-mode={mode.text}>
        <Fields
          rows={[
            ['State', <Badge on={mode.on} yes={mode.text} no={mode.text} />],
            ['Setpoint', fmt(state?.setpoint ?? settings.setpoint, 2)],
            ['Measured', fmt(state?.derivator, 2)],
            ['Last output', fmt(state?.last_output, 2)],
            ['Last step', state?.last_step_at ? time(state.last_step_at) : undefined],
            ['Gains', state ? `P ${state.kp} · I ${state.ki} · D ${state.kd}` : undefined],
          ]}
        />
        {allowed && state?.is_activated && (
          <div class="buttons">{state.is_paused ? <ActionButton label={`Resume PID ${settings.name}`} action={act('resume')} /> : <ActionButton label={`Pause PID ${settings.name}`} action={act('pause')} />}</div>
        )}
      </div>
    </Card>
  );
}

/** Every PID controller's state: active/paused, setpoint, the last measurement and output. */
function PidStates() {
  const { data: pids, reload } = usePoll(loadPids, PID_POLL_MS);
  if (!pids) return null;
  if (pids.length === 0)
    return (
      <Card title="PID controllers">
        <p class="muted">No PID controller is configured.</p>
      </Card>
    );
  return (
    <>
      {pids.map(({ settings, state }) => (
        <PidCard key={settings.unique_id} settings={settings} state={state} reload={reload} />
      ))}
    </>
  );
}

/** The Daemon's part of the Automation panel (Mycodo routes under /api); nothing for users without daemon:read. */
export function DaemonSection() {
  if (!can('daemon', 'read')) return null;
  return (
    <>
      <SensorGraphs />
      <PidStates />
    </>
  );
}
