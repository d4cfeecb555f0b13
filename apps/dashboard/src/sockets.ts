import { lostSession, socketToken } from './api';
import { signal } from './store';

export type SocketState = 'connecting' | 'open' | 'closed' | 'refused';

/** One received event, from either socket, as the Events panel lists it. */
export interface LiveEvent {
  id: number;
  source: 'equipment' | 'allsky';
  name: string;
  at: string;
  detail: string;
}

const MAX_EVENTS = 500;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/** Newest first, at most MAX_EVENTS; published at most once per animation frame (10 events/s stay cheap). */
export const events = signal<readonly LiveEvent[]>([]);
export const socketStates = signal<Record<string, SocketState>>({});
type Listener = (event: LiveEvent, payload: unknown) => void;
const listeners = new Set<Listener>();

let pending: LiveEvent[] = [];
let flushScheduled = false;
let nextId = 1;

/** Panels react to events (a GPIO pin changed, an image was saved) through this. */
export function onEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function publish(event: LiveEvent, payload: unknown): void {
  pending.push(event);
  for (const l of listeners) l(event, payload);
  if (flushScheduled) return;
  flushScheduled = true;
  requestAnimationFrame(() => {
    flushScheduled = false;
    const batch = pending.reverse();
    pending = [];
    events.set([...batch, ...events.get()].slice(0, MAX_EVENTS));
  });
}

function setState(path: string, state: SocketState | null): void {
  const { [path]: _old, ...others } = socketStates.get();
  socketStates.set(state ? { ...others, [path]: state } : others);
}

/**
 * A websocket that reconnects with exponential back-off (1 s doubling to 30 s, with jitter) after
 * the server goes away; a refusal (4401/4403) stops it until the session changes.
 */
export class ReconnectingSocket {
  private socket: WebSocket | null = null;
  private retryMs = FIRST_RETRY_MS;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    readonly path: string,
    private readonly onMessage: (data: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close(1000, 'page closed');
    this.socket = null;
    setState(this.path, null); // a socket the page no longer uses says nothing about the connection
  }

  send(message: unknown): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  private connect(): void {
    const url = new URL(this.path, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const token = socketToken();
    if (token) url.searchParams.set('token', token);
    setState(this.path, 'connecting');
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
      setState(this.path, 'open');
    };
    socket.onmessage = (message) => {
      try {
        this.onMessage(JSON.parse(String(message.data)));
      } catch {
        // not JSON: nothing to show
      }
    };
    socket.onclose = (close) => {
      if (this.socket !== socket || this.stopped) return;
      if (close.code === 4401 || close.code === 4403) {
        setState(this.path, 'refused');
        if (close.code === 4401) lostSession('Your session has ended: please sign in again.');
        return;
      }
      setState(this.path, 'closed');
      const delay = this.retryMs * (0.8 + Math.random() * 0.4);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }
}

const summarize = (payload: unknown): string => {
  if (payload === undefined || payload === null) return '';
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
};

interface NinaMessage {
  Response?: { Event?: string; Time?: string; [key: string]: unknown } | string;
}
interface AllskyMessage {
  name?: string;
  at?: string;
  payload?: unknown;
}

/** Events from before the page opened (equipment's event-history), oldest first; live ones stay on top. */
let seededOnce = false;
export function seedEquipmentEvents(history: { Event: string; Time?: string; [key: string]: unknown }[]): void {
  if (seededOnce) return; // a second sign-in in the same page keeps the list it has
  seededOnce = true;
  const seeded = history.slice(-MAX_EVENTS).map(({ Event, Time, ...rest }) => ({ id: nextId++, source: 'equipment' as const, name: Event, at: Time ?? '', detail: summarize(Object.keys(rest).length ? rest : '') }));
  events.set([...events.get(), ...seeded.reverse()].slice(0, MAX_EVENTS));
}

/** ninaAPI's /v2/socket: `{Response: {Event, ...}, Type: "Socket"}`. */
export const equipmentSocket = new ReconnectingSocket('/v2/socket', (data) => {
  const response = (data as NinaMessage).Response;
  if (!response || typeof response !== 'object' || !response.Event) return;
  const { Event, Time, ...rest } = response;
  publish({ id: nextId++, source: 'equipment', name: Event, at: Time ?? new Date().toISOString(), detail: summarize(Object.keys(rest).length ? rest : '') }, response);
});

/** Skygate's /allsky/events: `{seq, name, at, payload}` (GPIO, allsky service, focuser, received sync uploads). */
export const allskySocket = new ReconnectingSocket('/allsky/events', (data) => {
  const message = data as AllskyMessage;
  if (!message.name || message.name === 'subscribed') return;
  publish({ id: nextId++, source: 'allsky', name: message.name, at: message.at ?? new Date().toISOString(), detail: summarize(message.payload) }, message.payload);
});
