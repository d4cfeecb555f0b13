import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Observable, Subject, filter } from 'rxjs';
import { Clock } from '../clock/clock';

/**
 * The event catalogue. Each feature adds its events by declaration merging:
  *   declare module '@app/core/events/event-bus' { interface SkygateEvents { 'gpio.pin-changed': { pin: number; value: 0 | 1 } } }
 * so publishers and subscribers agree on payload types at compile time.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SkygateEvents {
  'app.started': { version: string };
}

export type EventName = keyof SkygateEvents;

export interface BusEvent<K extends EventName = EventName> {
  /** Increases by one per event in this process; lets subscribers detect gaps and order. */
  seq: number;
  name: K;
  at: Date;
  payload: SkygateEvents[K];
}

/** In-process typed publish/subscribe. Gateways, recorders and automation subscribe; features publish. */
@Injectable()
export class EventBus implements OnModuleDestroy {
  private readonly subject = new Subject<BusEvent>();
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  publish<K extends EventName>(name: K, payload: SkygateEvents[K]): BusEvent<K> {
    const event: BusEvent<K> = { seq: ++this.seq, name, at: this.clock.now(), payload };
    this.subject.next(event as unknown as BusEvent);
    return event;
  }

  /** Events of one name. */
  on<K extends EventName>(name: K): Observable<BusEvent<K>> {
    return this.subject.pipe(filter((e): e is BusEvent<K> => e.name === name)) as Observable<BusEvent<K>>;
  }

  /** Events whose name starts with a prefix, e.g. 'gpio.'. */
  onPrefix(prefix: string): Observable<BusEvent> {
    return this.subject.pipe(filter((e) => e.name.startsWith(prefix)));
  }

  all(): Observable<BusEvent> {
    return this.subject.asObservable();
  }

  onModuleDestroy(): void {
    this.subject.complete();
  }
}
