/** A ninaAPI websocket event: the `Response` of a /v2/socket message, e.g. {Event: 'FILTERWHEEL-CHANGED', Previous, New}. */
export interface NinaSocketEvent {
  Event: string;
  [extra: string]: unknown;
}

declare module '@app/core/events/event-bus' {
  interface SkygateEvents {
    /** Every equipment event in ninaAPI's naming; /v2/socket and event-history are fed from it. */
    'equipment.nina-event': NinaSocketEvent;
  }
}

export const NINA_EVENT = 'equipment.nina-event' as const;

/** Live-only events that ninaAPI does not keep in event-history. */
export const NOT_IN_HISTORY = new Set(['IMAGE-PREPARED']);
