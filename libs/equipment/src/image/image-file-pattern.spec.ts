import type { CaptureMetadata } from './image-archive.service';
import { imageFilePath } from './image-file-pattern';

const meta: CaptureMetadata = {
  capturedAt: new Date(2026, 8, 5, 3, 4, 5), // local time, as N.I.N.A. names files
  exposureSeconds: 300,
  imageType: 'LIGHT',
  gain: 120,
  offset: 30,
  binning: 2,
  cameraName: 'ZWO ASI294MM Pro',
  telescopeName: 'RedCat 51',
  focalLength: 250,
  pixelSizeUm: 4.63,
  filter: 'H_Alpha',
  targetName: 'M 31/Andromeda',
  temperature: -10,
};

describe('N.I.N.A. image file pattern', () => {
  it("fills N.I.N.A.'s default pattern: night folder, type folder, local time, two-decimal numbers, 0000 frame", () => {
    expect(imageFilePath(undefined, meta, 7)).toBe('2026-09-04/LIGHT/2026-09-05_03-04-05_H_Alpha_-10.00_300.00s_0007');
  });

  it('keeps values from making folders or escaping, and drops unknown macros', () => {
    expect(imageFilePath('$$TARGETNAME$$/../$$BINNING$$_$$GAIN$$_$$OFFSET$$$$HFR$$', meta, 1)).toBe('M 31-Andromeda/2x2_120_30');
    expect(imageFilePath('\\\\', meta, 1)).toBe('2026-09-05_03-04-05');
  });
});
