import { CaptureService } from '@app/equipment';
import { ninaSuite } from '../helpers/equipment/nina-suite';

const IDLE = { State: 'Finished', TotalIterations: -1, CompletedIterations: -1 };

describe('N.I.N.A. flat wizard on the simulator', () => {
  const suite = ninaSuite();

  const finished = async () => {
    for (let i = 0; i < 1200; i++) {
      const status = await suite.api.ok('flats/status');
      if (status.State === 'Finished') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('flats did not finish');
  };
  /** Means of the FLAT frames saved since `from`, read back from image-history. */
  const savedFlatMeans = async (from: number) => ((await suite.api.ok('image-history', { all: true })) as { ImageType: string; Mean: number }[]).slice(from).filter((i) => i.ImageType === 'FLAT').map((i) => i.Mean);

  it('is idle as ninaAPI records it, and refuses without a camera or with bad parameters', async () => {
    expect(await suite.api.ok('flats/status')).toEqual(IDLE);
    expect(await suite.api.fails('flats/stop', 400)).toBe('No process running');
    expect(await suite.api.fails('flats/auto-exposure', 400)).toBe('Camera not connected');
    await suite.api.ok('equipment/camera/connect');
    expect(await suite.api.fails('flats/auto-exposure', 400, { gain: 9000 })).toBe('Invalid gain');
    expect(await suite.api.fails('flats/auto-exposure', 400, { filterId: 99 })).toBe('Filter not available');
    expect(await suite.api.fails('flats/auto-exposure', 400, { binning: '3x2' })).toBe('Binning not available');
    const issues = (await suite.api.get('flats/auto-exposure')).body;
    expect(issues).toEqual({ Response: ['Flat panel not connected'], Error: 'Issues found', StatusCode: 400, Success: false, Type: 'API' });
    const trained = (await suite.api.get('flats/trained-flat')).body;
    expect(trained.Error).toBe('Issues found');
    expect(trained.Response).toEqual(expect.arrayContaining([expect.stringMatching(/^No trained flat exposure/)]));
  });

  it('auto-exposure: finds the exposure for the target mean and saves flats within the tolerance', async () => {
    for (const device of ['flatdevice', 'filterwheel']) await suite.api.ok(`equipment/${device}/connect`);
    const from = (await suite.api.ok('image-history', { count: true })) as number;
    expect(await suite.api.ok('flats/auto-exposure', { count: 3, brightness: 200, histogramMean: 0.5, meanTolerance: 0.05, filterId: 1 })).toBe('Process started');
    expect(await suite.api.fails('flats/skyflat', 400)).toBe('Process already running');
    const running = await suite.api.ok('flats/status');
    expect(running).toMatchObject({ State: 'Running', TotalIterations: 3 });
    await finished();
    const means = await savedFlatMeans(from);
    expect(means).toHaveLength(3);
    for (const mean of means) expect(Math.abs(mean - 0.5 * 65535)).toBeLessThanOrEqual(0.05 * 0.5 * 65535);
    expect(await suite.api.ok('flats/status')).toEqual(IDLE);
    // The panel is dark and open again afterwards (keepClosed not set).
    expect(await suite.api.ok('equipment/flatdevice/info')).toMatchObject({ LightOn: false, CoverState: 'Open' });
  }, 120_000);

  it('auto-brightness: finds the panel brightness at a fixed exposure; trained flats reuse it', async () => {
    const from = (await suite.api.ok('image-history', { count: true })) as number;
    expect(await suite.api.ok('flats/auto-brightness', { count: 2, exposureTime: 0.5, histogramMean: 0.4, meanTolerance: 0.05, filterId: 2, keepClosed: true })).toBe('Process started');
    await finished();
    const means = await savedFlatMeans(from);
    expect(means).toHaveLength(2);
    for (const mean of means) expect(Math.abs(mean - 0.4 * 65535)).toBeLessThanOrEqual(0.05 * 0.4 * 65535);
    const brightness = (await suite.api.ok('equipment/flatdevice/info')).Brightness as number;
    expect(brightness).toBeGreaterThan(0);
    expect(brightness).toBeLessThan(255);
    expect(await suite.api.ok('equipment/flatdevice/info')).toMatchObject({ CoverState: 'Closed' });

    const again = (await suite.api.ok('image-history', { count: true })) as number;
    expect(await suite.api.ok('flats/trained-flat', { count: 1, filterId: 2 })).toBe('Process started');
    await finished();
    const trained = await savedFlatMeans(again);
    expect(trained).toHaveLength(1);
    expect(Math.abs(trained[0] - 0.4 * 65535)).toBeLessThanOrEqual(0.05 * 0.4 * 65535);
  }, 120_000);

  it('skyflat: the twilight sky without a lit panel; flats/stop cancels a run', async () => {
    expect((await suite.api.get('flats/skyflat')).body.Response).toEqual(['Mount not connected']);
    await suite.api.ok('equipment/mount/connect');
    const from = (await suite.api.ok('image-history', { count: true })) as number;
    expect(await suite.api.ok('flats/skyflat', { count: 1, gain: 300, histogramMean: 0.5, meanTolerance: 0.1, minExposure: 0.1, maxExposure: 5 })).toBe('Process started');
    await finished();
    const means = await savedFlatMeans(from);
    expect(means).toHaveLength(1);
    expect(Math.abs(means[0] - 0.5 * 65535)).toBeLessThanOrEqual(0.1 * 0.5 * 65535);

    expect(await suite.api.ok('flats/skyflat', { count: 5, gain: 300, minExposure: 0.1, maxExposure: 5 })).toBe('Process started');
    expect(await suite.api.ok('flats/stop')).toBe('Process stopped');
    await finished();
    expect(suite.t.app.get(CaptureService).lastCapture).not.toBeNull();
    expect(await suite.api.ok('flats/status')).toEqual(IDLE);
  }, 120_000);
});
