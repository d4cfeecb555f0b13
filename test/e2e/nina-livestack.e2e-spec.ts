import request from 'supertest';
import { ninaSuite } from '../helpers/equipment/nina-suite';

describe('N.I.N.A. live stacking on the simulator', () => {
  const suite = ninaSuite(['camera', 'mount', 'filterwheel']);
  const capture = (imageType = 'LIGHT') => suite.api.ok('equipment/camera/capture', { duration: 0.2, imageType, targetName: 'M 42', waitForResult: true, omitImage: true });

  it('stacks saved LIGHT frames per target and filter only while running, with STACK-* events', async () => {
    const { api, socket } = suite;
    // At the park position (the pole) the simulated field may hold too few stars to register by,
    // depending on the sidereal time; Orion always has plenty.
    await api.ok('equipment/mount/unpark');
    expect(await api.ok('equipment/mount/slew', { ra: 83.82, dec: -5.39, waitForResult: true })).toBe('Slew finished');
    expect(await api.ok('livestack/status')).toBe('Stopped');
    await capture();
    expect(await api.ok('livestack/image/available')).toEqual([]);
    expect(await api.fails('livestack/image/M 42/Luminance/info', 404)).toBe('No image with specified filter and target found');

    expect(await api.ok('livestack/start')).toBe('Live stack started');
    expect(await api.ok('livestack/status')).toBe('Running');
    await capture();
    await capture();
    await capture('DARK');
    await capture();
    expect(await api.ok('livestack/image/available')).toEqual([{ Filter: 'Luminance', Target: 'M 42' }]);
    expect(await api.ok('livestack/image/M 42/Luminance/info')).toEqual({ IsMonochrome: true, StackCount: 3, Filter: 'Luminance', Target: 'M 42' });
    const updates = socket.messages.map((m) => m.Response).filter((r) => r.Event === 'STACK-UPDATED');
    expect(updates.at(-1)).toEqual({ Event: 'STACK-UPDATED', Filter: 'Luminance', Target: 'M 42', IsMonochrome: true, StackCount: 3 });
    expect(socket.messages.map((m) => m.Response).find((r) => r.Event === 'STACK-STATUS')).toEqual({ Event: 'STACK-STATUS', Status: 'Running' });

    expect(await api.ok('livestack/stop')).toBe('Live stack stopped');
    await capture();
    expect((await api.ok('livestack/image/M 42/Luminance/info')).StackCount).toBe(3);
    const history = (await api.ok('event-history')) as { Event: string; Status?: string }[];
    expect(history.filter((e) => e.Event === 'STACK-STATUS').map((e) => e.Status)).toEqual(['Running', 'Stopped']);
  }, 120_000);

  it('serves the stacked image as ninaAPI does: base64 PNG in the envelope, or bytes with stream=true', async () => {
    const { t, api } = suite;
    const base64 = (await api.ok('livestack/image/M 42/Luminance', { resize: true, scale: 0.25 })) as string;
    expect(Buffer.from(base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    const png = await request(t.app.getHttpServer()).get('/v2/api/livestack/image/M%2042/Luminance').query({ stream: true, resize: true, size: '320x256' }).buffer(true);
    expect(png.headers['content-type']).toBe('image/png');
    const jpg = await request(t.app.getHttpServer()).get('/v2/api/livestack/image/M%2042/Luminance').query({ stream: true, quality: 80 }).buffer(true);
    expect(jpg.headers['content-type']).toBe('image/jpg');
    expect(jpg.body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(await api.fails('livestack/image/M 42/Red', 404)).toBe('No image with specified filter and target found');
  });
});
