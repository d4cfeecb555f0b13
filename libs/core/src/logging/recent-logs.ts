/** One log line as pino wrote it, read back: level name, time, the logger context and message. */
export interface RecentLogEntry {
  time: Date;
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  /** The Nest logger context ("Autofocus", "NinaApi" ...), or "http" for request lines. */
  context: string;
  message: string;
}

const LEVELS: Record<number, RecentLogEntry['level']> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * The last lines the process logged, kept in memory for APIs that show recent logs (ninaAPI's
 * application/logs). Recording is one array store per line (pino's streamWrite hook hands over
 * the finished JSON text); lines are parsed only when read.
 */
export class RecentLogs {
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(readonly capacity = 1000) {
    this.ring = Array.from<string | undefined>({ length: capacity });
  }

  record(line: string): void {
    this.ring[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first. */
  entries(): RecentLogEntry[] {
    const out: RecentLogEntry[] = [];
    for (let i = 0; i < this.capacity; i++) {
      const line = this.ring[(this.next + i) % this.capacity];
      if (line === undefined) continue;
      const entry = parse(line);
      if (entry) out.push(entry);
    }
    return out;
  }
}

function parse(line: string): RecentLogEntry | null {
  try {
    const o = JSON.parse(line) as { time?: number; level?: number; context?: string; msg?: string; req?: unknown };
    return {
      time: new Date(o.time ?? 0),
      level: LEVELS[o.level ?? 30] ?? 'info',
      context: o.context ?? (o.req ? 'http' : ''),
      message: o.msg ?? '',
    };
  } catch {
    return null;
  }
}
