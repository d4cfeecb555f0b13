import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { onEvent, type LiveEvent } from './sockets';

/** A titled panel section; `wide` spans two grid columns, `full` the whole row. */
export function Card({ title, children, wide, full }: { title: string; children: ComponentChildren; wide?: boolean; full?: boolean }) {
  return (
    <section class={`card${wide ? ' wide' : ''}${full ? ' full' : ''}`} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** A list of label/value pairs; empty values show as a dash. */
export function Fields({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="fields">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value === undefined || value === null || value === '' ? '–' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Badge({ on, yes, no }: { on: boolean | undefined; yes: string; no: string }) {
  return <span class={on ? 'badge ok' : 'badge off'}>{on ? yes : no}</span>;
}

/** A button that shows it is busy while its action runs and reports a failure next to itself. */
export function ActionButton({ label, action, kind, disabled }: { label: string; action: () => Promise<string | void>; kind?: 'danger'; disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const run = async () => {
    setBusy(true);
    setNote('');
    try {
      const failure = await action();
      if (failure) setNote(failure);
    } catch (err) {
      setNote(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="action">
      <button type="button" class={kind} aria-label={label} disabled={busy || disabled} onClick={run}>
        {busy ? `${label}…` : label}
      </button>
      {note && (
        <span class="note error" role="alert">
          {note}
        </span>
      )}
    </span>
  );
}

/**
 * Loads data now, again every `everyMs` while the page is visible, and whenever `refreshOn`
 * says a live event concerns it; `reload` forces a new load (after an action).
 */
export function usePoll<T>(load: () => Promise<T | undefined>, everyMs: number, refreshOn?: (event: LiveEvent, payload: unknown) => boolean): { data: T | undefined; reload: () => void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const loadRef = useRef(load);
  loadRef.current = load;
  const refreshRef = useRef(refreshOn);
  refreshRef.current = refreshOn;
  const latest = useRef(0);
  const reload = useCallback(() => {
    // Only the newest load may show: an older one answering late (a poll started before an action) would undo the action's state.
    const mine = ++latest.current;
    loadRef.current().then(
      (value) => {
        if (value !== undefined && mine === latest.current) setData(value);
      },
      () => undefined, // the API middleware reports lost connections
    );
  }, []);
  useEffect(() => {
    reload();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, everyMs);
    let debounce: ReturnType<typeof setTimeout> | undefined;
    const off = onEvent((event, payload) => {
      if (!refreshRef.current?.(event, payload)) return;
      clearTimeout(debounce);
      debounce = setTimeout(reload, 150); // a burst of events costs one request
    });
    return () => {
      clearInterval(timer);
      clearTimeout(debounce);
      off();
    };
  }, [reload, everyMs]);
  return { data, reload };
}

export const fmt = (n: number | null | undefined, digits = 1): string => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits));

export function bytes(n: number | undefined): string {
  if (n === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit ? 1 : 0)} ${units[unit]}`;
}

export const time = (iso: string | undefined): string => (iso ? new Date(iso).toLocaleString() : '–');
