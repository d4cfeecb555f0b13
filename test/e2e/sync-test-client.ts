import { createHmac, randomUUID } from 'node:crypto';

/** Independent implementation of the indi-allsky client signature (requests_syncapi_v1.py). */
export function signSync(username: string, apiKey: string, metadata: Buffer | string, unixSeconds: number): string {
  const bucket = Math.floor(unixSeconds / 300);
  const hmac = createHmac('sha3-512', apiKey).update(`${bucket}`).update(metadata).digest('hex');
  return `Bearer ${username}:${hmac}`;
}

/** A multipart body built byte by byte, like requests' encoder: metadata part first, then media. */
export function syncMultipart(metadata: string, media: Buffer, mediaName: string, order: 'metadata-first' | 'media-first' = 'metadata-first') {
  const boundary = `----skygate${randomUUID().replace(/-/g, '')}`;
  const part = (name: string, filename: string, type: string, content: Buffer) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
      content,
      Buffer.from('\r\n'),
    ]);
  const meta = part('metadata', 'metadata.json', 'application/json', Buffer.from(metadata));
  const file = part('media', mediaName, 'application/octet-stream', media);
  const parts = order === 'metadata-first' ? [meta, file] : [file, meta];
  return { body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const CAMERA_UUID = '7c4e1f2a-5b6d-4e8f-9a0b-1c2d3e4f5a6b';

/** Metadata an indi-allsky client sends for each type (the required keys of miscDb.add*). */
export function assetMetadata(type: string, fileSize: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base = { type, camera_uuid: CAMERA_UUID, utc_offset: -28800, file_size: fileSize, createDate: 1795300500, dayDate: '20261122', night: true };
  const image = { exposure: 5, gain: 100, binmode: 1, height: 2, width: 2 };
  const perType: Record<string, Record<string, unknown>> = {
    image: { ...image, exp_elapsed: 5.1, temp: -5, calibrated: true, adu: 50, adu_roi: false, stable: true, moonmode: false, moonphase: 10, sqm: 2000, stars: 12, detections: 0, process_elapsed: 1.2 },
    rawimage: image,
    fitsimage: image,
    panoramaimage: image,
    minivideo: { targetDate: 1795300500, startDate: 1795300000, endDate: 1795301000, note: 'meteor' },
    thumbnail: { uuid: 'a1b2c3d4-0000-4000-8000-000000000001', width: 2, height: 2 },
  };
  return { ...base, ...perType[type], ...extra };
}

export const EXTENSION: Record<string, string> = {
  image: 'jpg',
  video: 'mp4',
  minivideo: 'mp4',
  keogram: 'jpg',
  startrail: 'jpg',
  startrailvideo: 'mp4',
  rawimage: 'png',
  fitsimage: 'fits',
  panoramaimage: 'jpg',
  panoramavideo: 'mp4',
  thumbnail: 'jpg',
};
