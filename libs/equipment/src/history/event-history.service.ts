import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { EventBus } from '@app/core';
import { NOT_IN_HISTORY } from '../nina/nina-events';
import { ninaEventFeed } from './nina-event-feed';

export interface EventHistoryEntry {
  Event: string;
  Time: string;
  [extra: string]: unknown;
}

const MAX_ENTRIES = 10_000;

/**
 * ninaAPI's event-history: every socket event with its Time. IMAGE-SAVE entries keep only
 * {Event, Time}, as in ninaAPI. Bounded (ninaAPI's list grows without limit).
 */
@Injectable()
export class EventHistoryService implements OnModuleInit, OnModuleDestroy {
  private readonly entries: EventHistoryEntry[] = [];
  private subscription?: Subscription;

  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.subscription = ninaEventFeed(this.bus).subscribe(({ event, at }) => {
      if (NOT_IN_HISTORY.has(event.Event)) return;
      const entry: EventHistoryEntry = event.Event === 'IMAGE-SAVE' ? { Event: event.Event, Time: at.toISOString() } : { ...event, Time: at.toISOString() };
      this.entries.push(entry);
      if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    });
  }

  list(): EventHistoryEntry[] {
    return [...this.entries];
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}
