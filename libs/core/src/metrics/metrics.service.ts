import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { WireFamily } from '../security/access';

const FAMILIES: WireFamily[] = ['skygate', 'allsky', 'indi-allsky', 'mycodo', 'nina', 'arcsecond'];
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/** What a pool exposes about its queue: pg.Pool's waitingCount, PglitePool's waiting. */
interface QueueingPool {
  waitingCount?: number;
  waiting?: number;
  totalCount?: number;
}

/**
 * The Prometheus registry of one app (its own, not prom-client's global: tests run several apps
 * in one process). Request series are made once at start-up per (family, status class), so the
 * request path only looks up a prepared child and observes.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly requestSeconds = new Histogram({
    name: 'skygate_http_request_duration_seconds',
    help: 'HTTP request latency by wire family and status class (its _count is the request count)',
    labelNames: ['family', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly uploads = new Counter({
    name: 'skygate_uploads_total',
    help: 'Multipart uploads answered, by wire family and status class',
    labelNames: ['family', 'status'] as const,
    registers: [this.registry],
  });
  private readonly socketClients = new Gauge({
    name: 'skygate_socket_clients',
    help: 'Websocket clients connected now',
    registers: [this.registry],
  });
  /** Prepared children: family → status class index → child. */
  private readonly latency = new Map<string, ReturnType<Histogram['labels']>[]>();
  private readonly uploadCounts = new Map<string, ReturnType<Counter['labels']>[]>();

  constructor(@InjectDataSource() dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'skygate_', eventLoopMonitoringPrecision: 20 });
    for (const family of FAMILIES) {
      this.latency.set(family, STATUS_CLASSES.map((status) => this.requestSeconds.labels(family, status)));
      this.uploadCounts.set(family, STATUS_CLASSES.map((status) => this.uploads.labels(family, status)));
    }
    new Gauge({
      name: 'skygate_database_pool_waiting',
      help: 'Queries waiting for a database connection (the embedded database: for its single session)',
      registers: [this.registry],
      collect() {
        const pool = (dataSource.driver as unknown as { master?: QueueingPool }).master;
        this.set(pool?.waitingCount ?? pool?.waiting ?? 0);
      },
    });
  }

  /** One answered HTTP request; `upload` when it carried a multipart body. */
  observeRequest(family: string, statusCode: number, seconds: number, upload: boolean): void {
    const index = Math.min(Math.max(Math.floor(statusCode / 100) - 1, 0), 4);
    this.latency.get(family)?.[index]?.observe(seconds);
    if (upload) this.uploadCounts.get(family)?.[index]?.inc();
  }

  socketOpened(): void {
    this.socketClients.inc();
  }

  socketClosed(): void {
    this.socketClients.dec();
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}
