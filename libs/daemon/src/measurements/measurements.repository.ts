import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { MeasurementEntity } from '../entities/measurement.entity';

export interface SeriesKey {
  device_id: string;
  unit: string;
  channel: number;
  measure?: string;
}

export interface Point {
  time: number;
  value: number;
}

export type NewPoint = SeriesKey & { time: Date; value: number };

interface QueuedInsert {
  points: NewPoint[];
  resolve(): void;
  reject(err: unknown): void;
}

const INSERT_CHUNK = 2000;
/** Below TypeORM's pool of 10, so reads are never starved by writes. */
const MAX_WRITES_IN_FLIGHT = 4;

const seriesFilter = (key: SeriesKey, first = 1) => {
  const params: unknown[] = [key.device_id, key.unit, key.channel];
  let sql = `"device_id" = $${first} AND "unit" = $${first + 1} AND "channel" = $${first + 2}`;
  if (key.measure) {
    params.push(key.measure);
    sql += ` AND "measure" = $${first + 3}`;
  }
  return { sql, params };
};

/** The time series table: every read walks IDX_daemon_measurements_series. Times in and out are epoch seconds. */
@Injectable()
export class MeasurementsRepository {
  constructor(@InjectRepository(MeasurementEntity) private readonly repo: Repository<MeasurementEntity>) {}

  /**
   * Stores points. Up to MAX_WRITES_IN_FLIGHT inserts run at once; calls that arrive while they
   * are all busy are written together by the next one (group commit): one round trip and one
   * commit for many inputs' readings instead of one each.
   */
  insert(points: NewPoint[]): Promise<void> {
    if (!points.length) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ points, resolve, reject });
      if (this.writesInFlight < MAX_WRITES_IN_FLIGHT) void this.flush();
    });
  }

  private readonly queue: QueuedInsert[] = [];
  private writesInFlight = 0;

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.queue.length);
    if (!batch.length) return;
    this.writesInFlight++;
    try {
      await this.write(batch.flatMap((b) => b.points));
      for (const b of batch) b.resolve();
    } catch (err) {
      if (batch.length === 1) batch[0].reject(err);
      // One caller's bad point must not fail the others: write each caller's points alone.
      else for (const b of batch) await this.write(b.points).then(b.resolve, b.reject);
    } finally {
      this.writesInFlight--;
      if (this.queue.length) void this.flush();
    }
  }

  /** Multi-row INSERTs of at most INSERT_CHUNK points (6 parameters each, well under PostgreSQL's 65,535), all or none. */
  private async write(points: NewPoint[]): Promise<void> {
    const chunks: NewPoint[][] = [];
    for (let start = 0; start < points.length; start += INSERT_CHUNK) chunks.push(points.slice(start, start + INSERT_CHUNK));
    const run = async (query: (sql: string, params: unknown[]) => Promise<unknown>) => {
      for (const chunk of chunks) {
        const rows = chunk.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`).join(', ');
        await query(
          `INSERT INTO "daemon_measurements" ("device_id", "unit", "channel", "measure", "time", "value") VALUES ${rows}`,
          chunk.flatMap((p) => [p.device_id, p.unit, p.channel, p.measure ?? '', p.time, p.value]),
        );
      }
    };
    if (chunks.length === 1) await run((sql, params) => this.repo.query(sql, params));
    else await this.repo.manager.transaction((em) => run((sql, params) => em.query(sql, params)));
  }

  async last(key: SeriesKey, since: Date): Promise<Point | null> {
    const f = seriesFilter(key);
    const rows: { t: string; value: number }[] = await this.repo.query(
      `SELECT extract(epoch from "time") AS t, "value" FROM "daemon_measurements" WHERE ${f.sql} AND "time" >= $${f.params.length + 1} ORDER BY "time" DESC LIMIT 1`,
      [...f.params, since],
    );
    return rows.length ? { time: Number(rows[0].t), value: Number(rows[0].value) } : null;
  }

  /**
   * Points of a series between two times, ascending. When the range holds more than `limit`
   * points they are averaged into `limit` equal time buckets on the server.
   */
  async range(key: SeriesKey, start: Date | null, end: Date | null, limit: number): Promise<Point[]> {
    const f = seriesFilter(key);
    const params = [...f.params];
    let where = f.sql;
    if (start) where += ` AND "time" >= $${params.push(start)}`;
    if (end) where += ` AND "time" <= $${params.push(end)}`;
    const toPoints = (rows: { t: string; v: number }[]) => rows.map((r) => ({ time: Number(r.t), value: Number(r.v) }));
    // One query in the common case: up to `limit` points come back as they are.
    const rows: { t: string; v: number }[] = await this.repo.query(
      `SELECT extract(epoch from "time") AS t, "value" AS v FROM "daemon_measurements" WHERE ${where} ORDER BY "time" LIMIT $${params.length + 1}`,
      [...params, limit + 1],
    );
    if (rows.length <= limit) return toPoints(rows);
    const [stats]: { t0: string | null; t1: string | null }[] = await this.repo.query(
      `SELECT extract(epoch from min("time")) AS t0, extract(epoch from max("time")) AS t1 FROM "daemon_measurements" WHERE ${where}`,
      params,
    );
    const t0 = Number(stats.t0);
    const width = Math.max((Number(stats.t1) - t0) / limit, 1e-6);
    const bucket = `least(floor((extract(epoch from "time") - $${params.length + 1}) / $${params.length + 2}), $${params.length + 3} - 1)`;
    return toPoints(
      await this.repo.query(
        `SELECT avg(extract(epoch from "time")) AS t, avg("value") AS v FROM "daemon_measurements" WHERE ${where} GROUP BY ${bucket} ORDER BY 1`,
        [...params, t0, width, limit],
      ),
    );
  }

  /** Every point (all series) in a time range, oldest first, at most `limit`. */
  async export(start: Date | null, end: Date | null, limit: number): Promise<object[]> {
    const params: unknown[] = [];
    const where = [start ? `"time" >= $${params.push(start)}` : '', end ? `"time" <= $${params.push(end)}` : ''].filter(Boolean).join(' AND ');
    const rows: { device_id: string; unit: string; channel: number; measure: string; t: string; value: number }[] = await this.repo.query(
      `SELECT "device_id", "unit", "channel", "measure", extract(epoch from "time") AS t, "value" FROM "daemon_measurements" ${where ? `WHERE ${where}` : ''} ORDER BY "time", "id" LIMIT $${params.push(limit)}`,
      params,
    );
    return rows.map(({ t, ...r }) => ({ ...r, time: Number(t), value: Number(r.value) }));
  }

  /** Deletes a device's points older than `before`; returns how many. */
  async prune(deviceId: string, before: Date): Promise<number> {
    const result = await this.repo.createQueryBuilder().delete().where('device_id = :deviceId AND time < :before', { deviceId, before }).execute();
    return result.affected ?? 0;
  }
}
