/**
 * The eleven indi-allsky SyncAPI file types, what each requires, how a duplicate is recognised
 * and which file extensions it accepts. Facts from indi-allsky syncapi_views.py / miscDb.py.
 */
export const SYNC_ASSET_TYPES = [
  'image',
  'video',
  'minivideo',
  'keogram',
  'startrail',
  'startrailvideo',
  'rawimage',
  'fitsimage',
  'panoramaimage',
  'panoramavideo',
  'thumbnail',
] as const;
export type SyncAssetType = (typeof SYNC_ASSET_TYPES)[number];

/**
 * How indi-allsky decides that an upload is already there:
 * - `day-night`: same camera, dayDate and night (one timelapse/keogram/... per night);
 * - `create-date`: same camera and remapped createDate (images);
 * - `uuid`: same thumbnail uuid.
 */
export type DuplicateRule = 'day-night' | 'create-date' | 'uuid';

export interface SyncAssetTypeInfo {
  type: SyncAssetType;
  duplicate: DuplicateRule;
  /** Metadata keys indi-allsky's miscDb.add* read without a default (a KeyError, HTTP 500, there). */
  required: string[];
  /** Lower-case extensions without the dot; anything else is refused. */
  extensions: string[];
  /** Folder below the camera folder, as on an indi-allsky remote. */
  folder: 'exposures' | 'fits' | 'export' | 'panoramas' | 'timelapse' | 'thumbnails';
  /** Filename prefix on an indi-allsky remote. */
  prefix: string;
}

const IMAGE_EXT = ['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff'];
const VIDEO_EXT = ['mp4', 'webm', 'mkv', 'mov', 'm4v'];
const COMMON = ['createDate', 'dayDate', 'night'];
const IMAGE_REQUIRED = [...COMMON, 'exposure', 'gain', 'binmode', 'height', 'width'];

function info(type: SyncAssetType, duplicate: DuplicateRule, required: string[], extensions: string[], folder: SyncAssetTypeInfo['folder'], prefix: string): SyncAssetTypeInfo {
  return { type, duplicate, required, extensions, folder, prefix };
}

export const ASSET_TYPE_INFO: Record<SyncAssetType, SyncAssetTypeInfo> = {
  image: info(
    'image',
    'create-date',
    [...IMAGE_REQUIRED, 'exp_elapsed', 'temp', 'calibrated', 'adu', 'adu_roi', 'stable', 'moonmode', 'moonphase', 'sqm', 'stars', 'detections', 'process_elapsed'],
    IMAGE_EXT,
    'exposures',
    'ccd',
  ),
  rawimage: info('rawimage', 'create-date', IMAGE_REQUIRED, [...IMAGE_EXT, 'jp2'], 'export', 'raw_ccd'),
  fitsimage: info('fitsimage', 'create-date', IMAGE_REQUIRED, ['fit', 'fits', 'fts'], 'fits', 'ccd'),
  panoramaimage: info('panoramaimage', 'create-date', IMAGE_REQUIRED, IMAGE_EXT, 'panoramas', 'panorama_ccd'),
  video: info('video', 'day-night', COMMON, VIDEO_EXT, 'timelapse', 'allsky-timelapse_ccd'),
  minivideo: info('minivideo', 'day-night', [...COMMON, 'targetDate', 'startDate', 'endDate', 'note'], VIDEO_EXT, 'timelapse', 'allsky-minitimelapse_ccd'),
  keogram: info('keogram', 'day-night', COMMON, IMAGE_EXT, 'timelapse', 'allsky-keogram_ccd'),
  startrail: info('startrail', 'day-night', COMMON, IMAGE_EXT, 'timelapse', 'allsky-startrail_ccd'),
  startrailvideo: info('startrailvideo', 'day-night', COMMON, VIDEO_EXT, 'timelapse', 'allsky-startrail_timelapse_ccd'),
  panoramavideo: info('panoramavideo', 'day-night', COMMON, VIDEO_EXT, 'timelapse', 'allsky-panorama_timelapse_ccd'),
  thumbnail: info('thumbnail', 'uuid', [...COMMON, 'uuid', 'width', 'height'], IMAGE_EXT, 'thumbnails', ''),
};

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  jp2: 'image/jp2',
  fit: 'application/fits',
  fits: 'application/fits',
  fts: 'application/fits',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  mov: 'video/quicktime',
};

export function contentTypeOf(extension: string): string {
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

export function isSyncAssetType(value: string): value is SyncAssetType {
  return (SYNC_ASSET_TYPES as readonly string[]).includes(value);
}

/**
 * The extension of a client-supplied file name, lower-cased, if the type accepts it. Only this
 * survives from the name: the stored path is built by the server, never from the client's text.
 */
export function checkedExtension(type: SyncAssetType, clientFileName: string | undefined): string | undefined {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(clientFileName ?? '');
  const ext = match?.[1].toLowerCase();
  return ext && ASSET_TYPE_INFO[type].extensions.includes(ext) ? ext : undefined;
}
