import { randomUUID } from 'node:crypto';
import { ASSET_TYPE_INFO, type SyncAssetType } from '../asset-types';

/** Keys of the required set whose value is a flag rather than a number. */
const FLAG_KEYS = new Set(['night', 'calibrated', 'adu_roi', 'stable', 'moonmode']);

/** A date's YYYYMMDD at a UTC offset; at night the day before noon belongs to the previous day (indi-allsky dayDate). */
function dayDateOf(unixSeconds: number, utcOffset: number, night: boolean): string {
  const shifted = new Date((unixSeconds + utcOffset - (night ? 12 * 3600 : 0)) * 1000);
  return shifted.toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * Metadata for a file pushed by hand (`skygate-cli sync push`): the keys indi-allsky's receiver
 * requires for the type, from the file's modification time and the caller's values, with neutral
 * defaults (0, false) for capture values a bare file does not carry. Caller keys win.
 */
export function buildUploadMetadata(type: SyncAssetType, opts: { cameraUuid: string; createDate: number; utcOffset: number; night: boolean; extra?: Record<string, unknown> }): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (const key of ASSET_TYPE_INFO[type].required) meta[key] = FLAG_KEYS.has(key) ? false : 0;
  Object.assign(meta, {
    type: INDI_ALLSKY_TYPE_CODE[type],
    camera_uuid: opts.cameraUuid,
    utc_offset: opts.utcOffset,
    createDate: opts.createDate,
    dayDate: dayDateOf(opts.createDate, opts.utcOffset, opts.night),
    night: opts.night,
  });
  if (type === 'thumbnail') meta.uuid = randomUUID();
  if (type === 'minivideo') Object.assign(meta, { targetDate: opts.createDate, startDate: opts.createDate, endDate: opts.createDate, note: '' });
  return { ...meta, ...opts.extra };
}

/** What `type` numbers indi-allsky's client puts in metadata (constants.py). */
export const INDI_ALLSKY_TYPE_CODE: Record<SyncAssetType | 'camera', number> = {
  camera: 1,
  image: 2,
  video: 3,
  keogram: 4,
  startrail: 5,
  startrailvideo: 6,
  rawimage: 7,
  fitsimage: 8,
  panoramaimage: 13,
  panoramavideo: 14,
  thumbnail: 15,
  minivideo: 16,
};
