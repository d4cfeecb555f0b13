import { Injectable } from '@nestjs/common';
import { Clock, EventBus } from '@app/core';
import { isUnitId } from '../catalogue/units';
import { unprocessable } from '../http/mycodo-http';
import { MeasurementsRepository, type NewPoint, type Point, type SeriesKey } from './measurements.repository';

/** Default and largest number of points `past`/`historical` return before averaging into buckets. */
export const DEFAULT_POINT_LIMIT = 5000;
export const MAX_POINT_LIMIT = 100_000;

const MYCODO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,6}Z$/;

/** Mycodo's measurement checks: unit by id, channel an integer ≥ 0, numbers that parse. */
export function parseSeries(unique_id: string, unit: string, channel: string | number, measure?: string): SeriesKey {
  if (!isUnitId(unit)) throw unprocessable('Unit ID not found');
  const ch = typeof channel === 'number' ? channel : /^-?\d+$/.test(channel) ? Number(channel) : NaN;
  if (!Number.isInteger(ch)) throw unprocessable('channel must be an integer');
  if (ch < 0) throw unprocessable('channel must be >= 0');
  return { device_id: unique_id, unit, channel: ch, measure: measure || undefined };
}

export function parseNumber(raw: string | number, name: string): number {
  const value = typeof raw === 'number' ? raw : raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value)) throw unprocessable(`${name} must be a number`);
  return value;
}

export function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_POINT_LIMIT;
  const limit = parseNumber(raw, 'limit');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_POINT_LIMIT) throw unprocessable(`limit must be an integer 1-${MAX_POINT_LIMIT}`);
  return limit;
}

@Injectable()
export class MeasurementsService {
  constructor(
    private readonly repository: MeasurementsRepository,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  /** Stores points and announces each as `daemon.measurement`. */
  async record(points: NewPoint[]): Promise<void> {
    await this.repository.insert(points);
    for (const p of points) {
      this.bus.publish('daemon.measurement', { device_id: p.device_id, unit: p.unit, channel: p.channel, measure: p.measure ?? '', time: p.time.toISOString(), value: p.value });
    }
  }

  async create(key: SeriesKey, rawValue: string, timestamp: unknown): Promise<void> {
    const value = parseNumber(rawValue, 'value');
    let time = this.clock.now();
    if (timestamp !== undefined && timestamp !== null) {
      if (typeof timestamp !== 'string' || !MYCODO_TIMESTAMP.test(timestamp)) throw unprocessable('timestamp must be in the format %Y-%m-%dT%H:%M:%S.%fZ, e.g. 2019-04-15T18:07:00.392Z');
      time = new Date(timestamp);
      if (Number.isNaN(time.getTime())) throw unprocessable('timestamp is not a valid date');
    }
    await this.record([{ ...key, time, value }]);
  }

  /** The last value within `pastSeconds`, or null. */
  async last(key: SeriesKey, pastSeconds: number): Promise<Point | null> {
    return this.repository.last(key, new Date(this.clock.nowMs() - pastSeconds * 1000));
  }

  past(key: SeriesKey, pastSeconds: number, limit: number): Promise<Point[]> {
    return this.repository.range(key, new Date(this.clock.nowMs() - pastSeconds * 1000), null, limit);
  }

  /** Epoch seconds; 0 leaves that end open (Mycodo). */
  historical(key: SeriesKey, epochStart: number, epochEnd: number, limit: number): Promise<Point[]> {
    return this.repository.range(key, epochStart ? new Date(epochStart * 1000) : null, epochEnd ? new Date(epochEnd * 1000) : null, limit);
  }

  prune(deviceId: string, olderThanDays: number): Promise<number> {
    return this.repository.prune(deviceId, new Date(this.clock.nowMs() - olderThanDays * 86_400_000));
  }
}
