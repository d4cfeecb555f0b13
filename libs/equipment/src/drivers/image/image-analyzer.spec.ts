import { detectStars, imageStatistics } from './image-analysis';
import { ImageAnalyzer } from './image-analyzer';
import { renderStarField } from './star-field';

describe('ImageAnalyzer (worker thread)', () => {
  const analyzer = new ImageAnalyzer();
  afterAll(() => analyzer.onModuleDestroy());

  it('measures a frame exactly as the in-process functions do, and leaves the caller its pixels', async () => {
    const field = renderStarField({ sensorWidth: 640, sensorHeight: 480, binning: 1, exposureSeconds: 1, gain: 0, offset: 0, raDeg: 83.8, decDeg: -5.4, frameNumber: 3, starCount: 40 });
    const before = field.pixels.slice();
    const statistics = imageStatistics(field.pixels);
    const detection = detectStars(field.width, field.height, field.pixels, statistics);
    expect(detection.stars.length).toBeGreaterThan(10);
    const [first, second] = await Promise.all([analyzer.analyse(field.width, field.height, field.pixels), analyzer.analyse(field.width, field.height, field.pixels)]);
    expect(first).toEqual({ statistics, detection });
    expect(second).toEqual(first);
    expect(field.pixels).toEqual(before);
  });

  it('rejects a job the worker cannot measure and keeps serving the next one', async () => {
    await expect(analyzer.analyse(2, 2, null as unknown as Uint16Array)).rejects.toThrow('image analysis failed');
    const { statistics } = await analyzer.analyse(2, 2, Uint16Array.from([1, 2, 3, 4]));
    expect(statistics).toMatchObject({ median: 2.5, min: 1, max: 4 });
  });
});
