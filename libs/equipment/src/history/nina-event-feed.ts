import type { EventBus } from '@app/core';
import { map, merge, type Observable } from 'rxjs';
import { CAPTURE_SAVED } from '../image/capture-events';
import { ninaImageResponse } from '../image/image-response';
import { NINA_EVENT, type NinaSocketEvent } from '../nina/nina-events';

export interface TimedNinaEvent {
  event: NinaSocketEvent;
  at: Date;
}

/**
 * Every ninaAPI event in the order it was published: `equipment.nina-event` as it is and
 * `equipment.capture-saved` as ninaAPI's IMAGE-SAVE {ImageStatistics}. /v2/socket and
 * event-history both read this feed.
 */
export function ninaEventFeed(bus: EventBus): Observable<TimedNinaEvent> {
  return merge(
    bus.on(NINA_EVENT).pipe(map(({ payload, at }) => ({ event: payload, at }))),
    bus.on(CAPTURE_SAVED).pipe(map(({ payload, at }) => ({ event: { Event: 'IMAGE-SAVE', ImageStatistics: ninaImageResponse(payload.statistics) }, at }))),
  );
}
