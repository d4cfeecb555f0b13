import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodeFits } from '@app/equipment';
import { arcsecPerPixel, fieldRadiusDeg, SkyCatalogue } from '@app/plate-solver';
import { until, type EquipmentSuite } from './equipment-rig';

/** Catalogue stars within the simulator's frame circle (480 mm, 1280×1024 × 3.76 µm), or null without index files. */
async function catalogueStarsOnFrame(indexDir: string, raDeg: number, decDeg: number): Promise<number | null> {
  try {
    return (await SkyCatalogue.fromIndexFolder(indexDir).starsAround(raDeg, decDeg, fieldRadiusDeg(1280, 1024, arcsecPerPixel(480, 3.76)))).length;
  } catch {
    return null;
  }
}

/**
 * Captures, the FITS files and previews. The simulator renders a deterministic star field (exact
 * counts and sky levels are asserted); INDI's CCD simulator sends its own FITS BLOB, whose real
 * dimensions and header are asserted instead.
 */
export function captureTests(suite: EquipmentSuite): void {
  const sim = suite.rig.driver === 'simulator';
  // The INDI CCD simulator's CCD_GAIN ends at 100; its exposures take their real time.
  const shot = sim ? { duration: 0.05, gain: 120 } : { duration: 0.5, gain: 50 };
  const camera = sim ? 'Camera Simulator' : 'CCD Simulator';
  const fitsOf = async (entry: { Filename: string }) => decodeFits(await readFile(join(suite.t.config.dataDir, 'files', entry.Filename)));

  it('captures, writes the frame as FITS with a full header and records its statistics', async () => {
    const { api, socket } = suite;
    expect(await api.fails('equipment/camera/capture', 409, { getResult: true })).toBe('No capture processed');
    expect(await api.ok('equipment/camera/cool', { temperature: -10 })).toBe('Cooling started');
    const before = socket.messages.length;
    const result = await api.ok('equipment/camera/capture', { ...shot, imageType: 'LIGHT', targetName: 'M31', waitForResult: true });
    expect(result.PlateSolveResult).toBeUndefined();
    expect((await sharp(Buffer.from(result.Image, 'base64')).metadata()).format).toBe('png');
    expect(socket.events().slice(before)).toEqual(['IMAGE-PREPARED', 'IMAGE-SAVE', 'API-CAPTURE-FINISHED']);

    const cameraInfo = await api.ok('equipment/camera/info');
    const [entry] = await api.ok('image-history');
    expect(entry).toMatchObject({ ImageType: 'LIGHT', TargetName: 'M31', Filter: 'H_Alpha', Gain: shot.gain, ExposureTime: shot.duration, CameraName: camera });
    expect(entry.Median).toBeGreaterThanOrEqual(entry.Min);
    expect(entry.Max).toBeGreaterThan(entry.Mean);
    expect(socket.messages[before + 1].Response).toEqual({ Event: 'IMAGE-SAVE', ImageStatistics: expect.objectContaining({ Stars: entry.Stars, HFR: entry.HFR, Mean: entry.Mean }) });

    const fits = await fitsOf(entry);
    expect([fits.width, fits.height]).toEqual([cameraInfo.XSize, cameraInfo.YSize]);
    expect(Object.fromEntries(['BITPIX', 'NAXIS', 'EXPTIME', 'GAIN', 'OFFSET', 'XBINNING', 'IMAGETYP', 'OBJECT', 'FILTER', 'INSTRUME'].map((k) => [k, fits.header.get(k)]))).toEqual({
      BITPIX: 16, NAXIS: 2, EXPTIME: shot.duration, GAIN: shot.gain, OFFSET: cameraInfo.Offset, XBINNING: 1, IMAGETYP: 'LIGHT', OBJECT: 'M31', FILTER: 'H_Alpha', INSTRUME: camera,
    });
    expect(fits.header.get('TELESCOP')).toBe('Skygate Simulator 80/480');
    expect(String(fits.header.get('DATE-OBS'))).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
    const mean = fits.pixels.reduce((a, b) => a + b, 0) / fits.pixels.length;
    expect(mean).toBeCloseTo(entry.Mean, 6);
    expect(await api.ok('equipment/camera/capture/statistics')).toMatchObject({ Stars: entry.Stars, HFR: entry.HFR, Median: entry.Median });

    if (sim) {
      // The simulated star field around M31, cooled at once to the set point.
      expect([fits.width, fits.height]).toEqual([1280, 1024]);
      expect(entry).toMatchObject({ Temperature: -10 });
      expect(fits.header.get('CCD-TEMP')).toBe(-10);
      // The real sky around M31 (Tycho-2 from the index files), or the synthetic field without them:
      // the detector finds a good share of the catalogue stars on the frame (faint ones drown in the
      // noise of a short exposure), never more.
      const sky = await catalogueStarsOnFrame(suite.t.config.plateSolving.indexDir, 10.6847, 41.269);
      if (sky === null) expect(entry.Stars).toBeGreaterThan(20);
      else {
        expect(entry.Stars).toBeGreaterThanOrEqual(Math.floor(sky * 0.4));
        expect(entry.Stars).toBeLessThanOrEqual(sky);
      }
      expect(entry.HFR).toBeGreaterThan(0.8);
      expect(entry.HFR).toBeLessThan(5);
      expect(fits.header.get('RA')).toBeCloseTo(10.6847, 6);
      expect(fits.header.get('DEC')).toBeCloseTo(41.269, 6);
    } else {
      // CCD_INFO of the indi-bin CCD simulator; the mount points near M31 (its epoch of date).
      expect([cameraInfo.XSize, cameraInfo.YSize, cameraInfo.PixelSize]).toEqual([1280, 1024, expect.closeTo(5.2, 5)]);
      // Stars drawn by the simulator from test/integration/bin/gsc's synthetic sky.
      expect(entry.Stars).toBeGreaterThan(0);
      expect(Math.abs(Number(fits.header.get('RA')) - 10.6847)).toBeLessThan(1);
      expect(Math.abs(Number(fits.header.get('DEC')) - 41.269)).toBeLessThan(1);
    }
  }, 60_000);

  it('honours binning: 2x2 halves the frame', async () => {
    const { api } = suite;
    expect(await api.ok('equipment/camera/set-binning', { binning: '2x2' })).toBe('Binning set');
    await api.ok('equipment/camera/capture', { duration: sim ? 0.2 : shot.duration, imageType: 'LIGHT', waitForResult: true, omitImage: true });
    const [first, second] = await api.ok('image-history', { all: true });
    const fits = await fitsOf(second);
    expect([fits.width, fits.height, fits.header.get('XBINNING')]).toEqual([640, 512, 2]);
    expect(await api.ok('image-history', { count: true })).toBe(2);
    expect(await api.ok('image-history', { count: true, imageType: 'SNAPSHOT' })).toBe(0);
    if (sim) {
      // Sky ∝ exposure × bin²: 4× the duration and 4× the pixel area.
      expect(second.Median - 400).toBeGreaterThan((first.Median - 400) * 4);
      expect(await api.fails('equipment/camera/set-binning', 409, { binning: '3x2' })).toBe('Invalid binning mode');
    }
  }, 60_000);

  it('serves saved images as PNG, JPEG, resized, streamed, as thumbnails and as raw FITS', async () => {
    const { api } = suite;
    const png = Buffer.from(await api.ok('image/0'), 'base64');
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 1280, height: 1024 });
    const jpeg = Buffer.from(await api.ok('image/0', { quality: 80, resize: true, size: '640x480' }), 'base64');
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 512 });
    const scaled = Buffer.from(await api.ok('image/0', { resize: true, scale: 0.01 }), 'base64');
    expect((await sharp(scaled).metadata()).width).toBe(128);
    const streamed = await api.get('image/1', { stream: true, quality: 50 });
    expect(streamed.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(streamed.body as Buffer).metadata()).width).toBe(640);
    const thumb = await api.get('image/thumbnail/0');
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(thumb.body as Buffer).metadata()).width).toBe(256);
    const raw = Buffer.from(await api.ok('image/0', { raw_fits: true }), 'base64');
    expect(decodeFits(raw).header.get('OBJECT')).toBe('M31');
    expect(await api.fails('image/7', 400)).toBe('Index out of range');
    const prepared = await api.get('prepared-image', { stream: true });
    expect(prepared.headers['content-type']).toBe('image/png');
    if (sim) {
      // The stretched preview: the simulated sky lands near NINA's 0.2 target, not black.
      const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      const sorted = Uint8Array.from(data).sort();
      expect(sorted[sorted.length >> 1]).toBeGreaterThan(30);
      expect(sorted[sorted.length >> 1]).toBeLessThan(90);
    }
  });

  it('reports a running capture, and aborts it', async () => {
    const { api, rig } = suite;
    expect(await api.ok('equipment/camera/capture', { duration: 30 })).toBe('Capture started');
    expect(await api.ok('equipment/camera/capture', { getResult: true })).toBe('Capture already in progress');
    expect(await api.fails('equipment/camera/capture', 409)).toBe('Camera currently exposing');
    expect((await rig.settled(api, 'equipment/camera/info', (c) => c.CameraState === 'Exposing')).CameraState).toBe('Exposing');
    expect(await api.ok('equipment/camera/abort-exposure')).toBe('Exposure aborted');
    // The abort settles on a later turn (simulator) or when the device reports Idle (INDI).
    const idle = await until(() => api.ok('equipment/camera/info'), (c) => c.CameraState === 'Idle');
    expect(idle.CameraState).toBe('Idle');
    expect(await api.ok('equipment/camera/abort-exposure')).toBe('Camera not exposing');
    expect(await api.ok('image-history', { count: true })).toBe(2);
  }, 60_000);
}
