import { useEffect, useRef, useState } from 'preact/hooks';
import { api, can } from '../api';
import { nina, type EquipmentInfo } from '../nina';
import { ReconnectingSocket } from '../sockets';
import { Card, usePoll } from '../ui';
import { CaptureCard } from './capture';
import { DEVICES, DeviceCard, filterNames } from './devices';

type Direction = 'north' | 'south' | 'east' | 'west';
/** ninaAPI's /v2/mount stops an axis 2 s after the last command: resend while the button is held. */
const RESEND_MS = 1_000;

/** Manual moves over /v2/mount: hold a direction button, release to stop. */
function MountMoves({ connected }: { connected: boolean }) {
  const socket = useRef<ReconnectingSocket | null>(null);
  const held = useRef<{ direction: Direction; timer: ReturnType<typeof setInterval> } | null>(null);
  const [rate, setRate] = useState(1);
  const [reply, setReply] = useState('');

  useEffect(() => {
    const s = new ReconnectingSocket('/v2/mount', (data) => {
      const message = data as { Response?: unknown; Error?: string };
      setReply(message.Error || String(message.Response ?? ''));
    });
    s.start();
    socket.current = s;
    return () => s.stop();
  }, []);

  const start = (direction: Direction) => {
    stop();
    const send = () => socket.current?.send({ direction, rate });
    send();
    held.current = { direction, timer: setInterval(send, RESEND_MS) };
  };
  const stop = () => {
    if (!held.current) return;
    clearInterval(held.current.timer);
    socket.current?.send({ direction: held.current.direction, rate: 0 });
    held.current = null;
  };
  const button = (direction: Direction, label: string) => (
    <button
      type="button"
      class={`move ${direction}`}
      aria-label={`Move ${direction} (hold)`}
      disabled={!connected}
      onPointerDown={() => start(direction)}
      onPointerUp={stop}
      onPointerLeave={stop}
      onPointerCancel={stop}
      onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && !e.repeat && start(direction)}
      onKeyUp={stop}
    >
      {label}
    </button>
  );
  return (
    <Card title="Mount moves">
      <div class="pad">
        {button('north', 'N')}
        {button('west', 'W')}
        {button('east', 'E')}
        {button('south', 'S')}
      </div>
      <label>
        Rate (°/s)
        <select value={String(rate)} onChange={(e) => setRate(Number(e.currentTarget.value))}>
          {[0.1, 0.5, 1, 2, 4].map((r) => (
            <option key={r} value={String(r)}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <p class="muted" aria-live="polite">
        {connected ? reply || 'Hold a direction to move.' : 'Connect the mount to move it.'}
      </p>
    </Card>
  );
}

/** Equipment (N.I.N.A. Advanced API): every device, a capture, manual mount moves. */
export function EquipmentPanel() {
  const { data: info, reload } = usePoll(() => nina<EquipmentInfo>(api.GET('/v2/api/equipment/info')), 3_000, (e) => e.source === 'equipment');
  const [filters, setFilters] = useState<{ Name: string; Id: number }[]>([]);
  const wheelConnected = Boolean(info?.FilterWheel?.Connected);
  useEffect(() => {
    if (wheelConnected) void filterNames().then(setFilters, () => setFilters([]));
    else setFilters([]);
  }, [wheelConnected]);
  const canAct = can('equipment', 'update');
  return (
    <div class="grid">
      <CaptureCard filters={filters} canAct={canAct && Boolean(info?.Camera?.Connected)} />
      {canAct && <MountMoves connected={Boolean(info?.Mount?.Connected)} />}
      {DEVICES.map(([key, route, title]) => (
        <DeviceCard key={key} route={route} title={title} info={info?.[key]} reload={reload} />
      ))}
    </div>
  );
}
