import { startTestApp, type TestApp } from '../helpers/test-app';
import { nina } from '../helpers/equipment/equipment-client';

describe('N.I.N.A. image history and profiles across a restart', () => {
  let first: Awaited<ReturnType<typeof startTestApp>>;
  let second: TestApp | undefined;

  beforeAll(async () => {
    first = await startTestApp({ persistent: true });
  });
  afterAll(async () => {
    await second?.close();
    await first.close();
  });

  it('keeps image-history, the saved files and profile settings (ninaAPI loses them)', async () => {
    const api = nina(first.app);
    await api.ok('equipment/camera/connect');
    await api.ok('equipment/camera/capture', { duration: 0.01, imageType: 'DARK', waitForResult: true, omitImage: true });
    await api.ok('equipment/camera/capture', { duration: 0.01, imageType: 'LIGHT', targetName: 'NGC 7000', waitForResult: true, omitImage: true });
    await api.ok('profile/change-value', { settingpath: 'TelescopeSettings-Name', newValue: 'Refractor 102' });
    const before = await api.ok('image-history', { all: true });
    await first.stop();

    second = await startTestApp({ reuse: first.reuse });
    const again = nina(second.app);
    expect(await again.ok('image-history', { all: true })).toEqual(before);
    expect(await again.ok('image-history', { count: true, imageType: 'LIGHT' })).toBe(1);
    expect((await again.ok('image-history', { imageType: 'LIGHT' }))[0]).toMatchObject({ TargetName: 'NGC 7000' });
    const png = Buffer.from(await again.ok('image/1'), 'base64');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect((await again.ok('profile/show', { active: true })).TelescopeSettings.Name).toBe('Refractor 102');
    // Devices start disconnected again, as after a N.I.N.A. restart.
    expect((await again.ok('equipment/camera/info')).Connected).toBe(false);
  });
});
