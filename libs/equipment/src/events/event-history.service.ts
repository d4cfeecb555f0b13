import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { EventBus } from '@app/core';
import { NINA_EVENT, NOT_IN_HISTORY } from './nina-events';

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
    this.subscription = this.bus.on(NINA_EVENT).subscribe(({ payload, at }) => {
      if (NOT_IN_HISTORY.has(payload.Event)) return;
      const entry: EventHistoryEntry = payload.Event === 'IMAGE-SAVE' ? { Event: payload.Event, Time: at.toISOString() } : { ...payload, Time: at.toISOString() };
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
