import { ASSET_TYPE_INFO, type SyncAssetType } from '../asset-types';
import type { FileMetadata } from './sync-metadata';

/**
 * Where a received file lives inside the file store, laid out as on an indi-allsky remote
 * (ccd_<uuid>/exposures/<YYYYMMDD>/<night|day>/<DD_HH>/ccd<id>_<YYYYMMDD_HHMMSS>.<ext>, ...).
 * Built only from checked values: a UUID, a numeric camera id, digits of dates, a checked extension.
 */
export function assetRelativePath(type: SyncAssetType, cameraId: number, meta: FileMetadata, wallClock: string, ext: string): string {
  const info = ASSET_TYPE_INFO[type];
  const cam = `ccd_${meta.cameraUuid}`;
  const phase = meta.night ? 'night' : 'day';
  const compact = wallClock.replace(/[-:]/g, '').replace('T', '_'); // YYYYMMDD_HHMMSS
  if (type === 'thumbnail') return `${cam}/thumbnails/${meta.dayDate}/${meta.uuid}.${ext}`;
  if (info.duplicate === 'day-night') {
    const ts = Math.floor(meta.createDate + meta.utcOffset);
    return `${cam}/${meta.dayDate}/${info.prefix}${cameraId}_${meta.dayDate}_${phase}_${ts}.${ext}`;
  }
  // A night's images stay in one folder: the folder date is taken 12 hours earlier at night.
  const folderInstant = Date.parse(`${wallClock}Z`) - (meta.night ? 12 * 3600 * 1000 : 0);
  const folderDate = new Date(folderInstant).toISOString().slice(0, 10).replace(/-/g, '');
  const hour = `${wallClock.slice(8, 10)}_${wallClock.slice(11, 13)}`;
  return `${cam}/${info.folder}/${folderDate}/${phase}/${hour}/${info.prefix}${cameraId}_${compact}.${ext}`;
}

/** What makes two uploads of a type the same entry (indi-allsky's duplicate rules). */
export function duplicateKey(type: SyncAssetType, meta: FileMetadata, wallClock: string): string {
  switch (ASSET_TYPE_INFO[type].duplicate) {
    case 'day-night':
      return `${meta.dayDate}/${meta.night ? 'night' : 'day'}`;
    case 'uuid':
      return meta.uuid!;
    default:
      return wallClock;
  }
}
