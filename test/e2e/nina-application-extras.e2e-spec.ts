import { Logger } from '@nestjs/common';
import { nina } from '../helpers/equipment/equipment-client';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('N.I.N.A. application/logs, moon separation, plugin settings, framing source and rotation, image prefix and solving', () => {
  let t: TestApp;
  let api: ReturnType<typeof nina>;
  beforeAll(async () => {
    t = await startTestApp();
    api = nina(t.app);
  });
  afterAll(() => t?.close());

  it('application/logs: recent Skygate log lines in ninaAPI shape, newest first, by level', async () => {
    new Logger('LogProbe').warn('probe warning one');
    new Logger('LogProbe').log('probe info two');
    expect(await api.fails('application/logs', 400)).toBe('lineCount is required');
    expect(await api.fails('application/logs', 400, { lineCount: 5, level: 'LOUD' })).toMatch(/level must be one of TRACE, DEBUG, INFO, WARNING, ERROR/);
    const lines = await api.ok('application/logs', { lineCount: 2 });
    expect(lines.length).toBeLessThanOrEqual(2);
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(['Level', 'Line', 'Member', 'Message', 'Source', 'Timestamp']);
    const warnings = (await api.ok('application/logs', { lineCount: 50, level: 'WARNING' })) as { Level: string; Source: string; Message: string }[];
    expect(warnings.every((l) => l.Level === 'WARNING')).toBe(true);
    expect(warnings.find((l) => l.Message === 'probe warning one')).toMatchObject({ Source: 'LogProbe' });
    const all = (await api.ok('application/logs', { lineCount: 1000 })) as { Message: string; Timestamp: string }[];
    const one = all.findIndex((l) => l.Message === 'probe warning one');
    const two = all.findIndex((l) => l.Message === 'probe info two');
    expect(two).toBeGreaterThanOrEqual(0);
    expect(two).toBeLessThan(one);
  });

  it('astro-util/moon-separation: the angle to the Moon and its phase', async () => {
    expect(await api.fails('astro-util/moon-separation', 400, { ra: 10 })).toBe('dec is required');
    const answer = await api.ok('astro-util/moon-separation', { ra: 83.8, dec: -5.4 });
    expect(answer).toEqual({ Separation: expect.any(Number), MoonPhase: expect.stringMatching(/^(FullMoon|WaningGibbous|LastQuarter|WaningCrescent|NewMoon|WaxingCrescent|FirstQuarter|WaxingGibbous)$/) });
    expect(answer.Separation).toBeGreaterThanOrEqual(0);
    expect(answer.Separation).toBeLessThanOrEqual(180);
    // The antipode of a target is as far from the Moon as the target is close (within refraction-free geometry).
    const opposite = await api.ok('astro-util/moon-separation', { ra: 263.8, dec: 5.4 });
    expect(answer.Separation + opposite.Separation).toBeCloseTo(180, 4);
  });

  it('plugin/settings and framing/set-source', async () => {
    expect(await api.ok('plugin/settings')).toEqual({ AccessControlHeaderEnabled: false, ShouldCreateThumbnails: true });
    expect(await api.ok('framing/set-source', { source: 'NASA' })).toBe('Source updated');
    expect(await api.ok('framing/set-source', { source: '4' })).toBe('Source updated');
    expect(await api.fails('framing/set-source', 400, { source: 'GOOGLE' })).toBe('Invalid source');
  });

  it("framing/determine-rotation, image/{index}/solve and prepared-image/solve: ninaAPI's checks before any solve", async () => {
    expect(await api.fails('framing/determine-rotation', 400)).toBe('Could not start process');
    expect(await api.fails('prepared-image/solve', 404)).toBe('Image not available');
    expect(await api.fails('image/0/solve', 400)).toBe('No images available');
    await api.ok('equipment/camera/connect');
    await api.ok('equipment/camera/capture', { duration: 0.01, waitForResult: true, omitImage: true });
    expect(await api.fails('image/5/solve', 400)).toBe('Index out of range');
  });

  it('image/{index}/prefix renames the FITS file, and refuses a second rename to the same name', async () => {
    const before = (await api.ok('image-history', { index: 0 }))[0];
    expect(await api.ok('image/0/prefix', { prefix: 'best_' })).toBe('Image renamed with prefix best_');
    const after = (await api.ok('image-history', { index: 0 }))[0];
    expect(after.Filename).toBe(before.Filename.replace(/[^/]+$/, (name: string) => `best_${name}`));
    const fits = await api.get('image/0', { raw_fits: true });
    expect(fits.status).toBe(200);
    expect(await api.fails('image/0/prefix', 400)).toBe('prefix is required');
    expect(await api.fails('image/0/prefix', 400, { prefix: '../x' })).toMatch(/prefix may hold/);
    expect(await api.fails('image/9/prefix', 400, { prefix: 'x' })).toBe('Index out of range');
  });
});
