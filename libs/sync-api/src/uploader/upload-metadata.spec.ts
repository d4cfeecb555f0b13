import { ASSET_TYPE_INFO, SYNC_ASSET_TYPES } from '../asset-types';
import { readFileMetadata, siteWallClock } from '../receiver/sync-metadata';
import { buildUploadMetadata } from './upload-metadata';

const CAMERA = '0f0e0d0c-0b0a-4908-8706-050403020100';

describe('upload metadata and time remapping', () => {
  it.each(SYNC_ASSET_TYPES)('builds %s metadata that the receiver accepts', (type) => {
    const meta = buildUploadMetadata(type, { cameraUuid: CAMERA, createDate: 1795300500, utcOffset: -28800, night: true });
    for (const key of ASSET_TYPE_INFO[type].required) expect(meta).toHaveProperty(key);
    expect(() => readFileMetadata(type, { ...meta, file_size: 10 })).not.toThrow();
  });

  it('dates a night capture after local midnight to the evening it began (indi-allsky dayDate)', () => {
    // 2026-11-22T07:30:00Z is 23:30 on the 21st in UTC-8, and 01:30 on the 22nd in UTC-6.
    const at = Date.parse('2026-11-22T07:30:00Z') / 1000;
    expect(buildUploadMetadata('image', { cameraUuid: CAMERA, createDate: at, utcOffset: -8 * 3600, night: true }).dayDate).toBe('20261121');
    expect(buildUploadMetadata('image', { cameraUuid: CAMERA, createDate: at, utcOffset: -6 * 3600, night: true }).dayDate).toBe('20261121');
    expect(buildUploadMetadata('image', { cameraUuid: CAMERA, createDate: at, utcOffset: -6 * 3600, night: false }).dayDate).toBe('20261122');
  });

  it('remaps to the site wall-clock from the sent offset only, whatever the server zone', () => {
    expect(siteWallClock(Date.parse('2026-03-29T00:30:00Z') / 1000, 3600)).toBe('2026-03-29T01:30:00');
    expect(siteWallClock(Date.parse('2026-03-29T01:30:00Z') / 1000, 7200)).toBe('2026-03-29T03:30:00');
    expect(siteWallClock(1795300500.9, -28800)).toBe('2026-11-21T14:35:00');
  });
});
