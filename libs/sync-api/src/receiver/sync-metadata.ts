import { INT4_MAX, unsafeInput } from '@app/core';
import { ASSET_TYPE_INFO, type SyncAssetType } from '../asset-types';
import { syncError } from './sync-errors';

export type Metadata = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** indi-allsky answers 500 with an HTML page for invalid JSON; Skygate answers 400 naming the problem. */
export function parseMetadata(bytes: Buffer): Metadata {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw syncError(`metadata is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw syncError('metadata must be a JSON object');
  const unsafe = unsafeInput(value);
  if (unsafe) throw syncError(`metadata: ${unsafe}`);
  return value as Metadata;
}

/** indi-allsky raises KeyError (HTTP 500) for a missing key; Skygate answers 400 naming every missing key. */
export function requireKeys(metadata: Metadata, keys: string[]): void {
  const missing = keys.filter((key) => metadata[key] === undefined || metadata[key] === null);
  if (missing.length) throw syncError(`missing metadata key${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
}

/** Latest createDate taken: 9999-12-31, the last day a four-digit-year folder name can hold. */
const MAX_POSIX_SECONDS = 253_402_214_400;
/** UTC offsets run from -12 h to +14 h; a day either way is generous. */
const MAX_UTC_OFFSET_SECONDS = 86_400;

export function numberKey(metadata: Metadata, key: string, range?: { min: number; max: number }): number {
  const value = metadata[key];
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw syncError(`metadata key ${key} must be a number`);
  if (range && (n < range.min || n > range.max)) throw syncError(`metadata key ${key} must be from ${range.min} to ${range.max}`);
  return n;
}

/** Seconds east of UTC. */
export function utcOffsetKey(metadata: Metadata): number {
  return numberKey(metadata, 'utc_offset', { min: -MAX_UTC_OFFSET_SECONDS, max: MAX_UTC_OFFSET_SECONDS });
}

export function uuidKey(metadata: Metadata, key: string): string {
  const value = metadata[key];
  if (typeof value !== 'string' || !UUID.test(value)) throw syncError(`metadata key ${key} must be a UUID`);
  return value.toLowerCase();
}

export function idKey(metadata: Metadata, key = 'id'): number {
  const n = numberKey(metadata, key);
  // Ids are int4 serials: a larger one names no row.
  if (!Number.isSafeInteger(n) || n < 1 || n > INT4_MAX) throw syncError(`metadata key ${key} must be an integer from 1 to ${INT4_MAX}`);
  return n;
}

/** Python truthiness of the values indi-allsky clients send for `night` (bool, 0/1). */
function truthy(value: unknown): boolean {
  return value === true || (typeof value === 'number' && value !== 0) || value === 'true' || value === '1' || value === 'True';
}

/** The fields every file upload needs, checked and typed. */
export interface FileMetadata {
  raw: Metadata;
  cameraUuid: string;
  /** Seconds east of UTC at the camera site. */
  utcOffset: number;
  fileSize: number;
  /** POSIX seconds: the true instant. */
  createDate: number;
  dayDate: string;
  night: boolean;
  /** Thumbnail uuid (thumbnail type only). */
  uuid?: string;
}

export function readFileMetadata(type: SyncAssetType, metadata: Metadata): FileMetadata {
  requireKeys(metadata, ['camera_uuid', 'utc_offset', 'file_size', ...ASSET_TYPE_INFO[type].required]);
  const fileSize = numberKey(metadata, 'file_size');
  if (!Number.isSafeInteger(fileSize) || fileSize < 0) throw syncError('metadata key file_size must be a non-negative integer');
  const dayDate = String(metadata.dayDate);
  if (!/^\d{8}$/.test(dayDate)) throw syncError('metadata key dayDate must be YYYYMMDD');
  return {
    raw: metadata,
    cameraUuid: uuidKey(metadata, 'camera_uuid'),
    utcOffset: utcOffsetKey(metadata),
    fileSize,
    createDate: numberKey(metadata, 'createDate', { min: 0, max: MAX_POSIX_SECONDS }),
    dayDate,
    night: truthy(metadata.night),
    uuid: type === 'thumbnail' ? uuidKey(metadata, 'uuid') : undefined,
  };
}

/**
 * The camera site's wall-clock time of an instant, as "YYYY-MM-DDTHH:MM:SS" without zone.
 * indi-allsky computes fromtimestamp(createDate + utc_offset - server_offset_now) in the server's
 * zone, which is the same wall-clock except near the server's own DST changes (it uses the
 * server's offset at request time); Skygate does not depend on its own zone, so it has no such shift.
 */
export function siteWallClock(createDate: number, utcOffset: number): string {
  return new Date(Math.floor((createDate + utcOffset) * 1000)).toISOString().slice(0, 19);
}
