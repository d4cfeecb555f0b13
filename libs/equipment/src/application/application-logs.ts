import { Injectable } from '@nestjs/common';
import { RecentLogs, type RecentLogEntry } from '@app/core';

/** N.I.N.A.'s log level words, as application/logs filters and reports them. */
export const NINA_LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR'] as const;
export type NinaLogLevel = (typeof NINA_LOG_LEVELS)[number];

const LEVEL_WORD: Record<RecentLogEntry['level'], NinaLogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR', fatal: 'ERROR' };

/** One line of application/logs (ninaAPI splits N.I.N.A.'s "DATE|LEVEL|SOURCE|MEMBER|LINE|MESSAGE" log lines). */
export interface NinaLogLine {
  Timestamp: string;
  Level: NinaLogLevel;
  Source: string;
  Member: string;
  Line: string;
  Message: string;
}

/**
 * Skygate's own recent log lines (the core's in-memory ring) in ninaAPI's application/logs
 * shape: newest first, optionally of one level. Source is the logger's context; Skygate's
 * lines carry no member or line number, so those are "".
 */
@Injectable()
export class ApplicationLogs {
  constructor(private readonly recent: RecentLogs) {}

  lines(count: number, level?: NinaLogLevel): NinaLogLine[] {
    return this.recent
      .entries()
      .map((e) => ({ Timestamp: e.time.toISOString(), Level: LEVEL_WORD[e.level], Source: e.context, Member: '', Line: '', Message: e.message }))
      .filter((l) => !level || l.Level === level)
      .slice(-count)
      .reverse();
  }
}
