import { useMemo, useState } from 'preact/hooks';
import { events } from '../sockets';
import { useSignal } from '../store';
import { Card } from '../ui';

const SHOWN = 200;

/** Live events of both sockets, newest first, filterable by text and source. */
export function EventsPanel() {
  const list = useSignal(events);
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return list.filter((e) => (!source || e.source === source) && (!needle || e.name.toLowerCase().includes(needle) || e.detail.toLowerCase().includes(needle))).slice(0, SHOWN);
  }, [list, text, source]);
  return (
    <div class="grid">
      <Card title="Live events" full>
        <div class="inline-form">
          <label>
            Filter
            <input type="search" value={text} placeholder="name or text" onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          <label>
            Source
            <select value={source} onChange={(e) => setSource(e.currentTarget.value)}>
              <option value="">all</option>
              <option value="equipment">equipment (/v2/socket)</option>
              <option value="allsky">allsky (/allsky/events)</option>
            </select>
          </label>
          <span class="muted">
            {shown.length} of {list.length}
          </span>
        </div>
        {shown.length === 0 ? (
          <p class="muted">No events yet.</p>
        ) : (
          <ol class="events" aria-live="off">
            {shown.map((e) => (
              <li key={e.id}>
                <time>{new Date(e.at).toLocaleTimeString()}</time>
                <span class={`source ${e.source}`}>{e.source}</span>
                <strong>{e.name}</strong>
                <span class="detail">{e.detail}</span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
