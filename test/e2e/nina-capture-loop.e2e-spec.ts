import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { WebSocket } from 'ws';
import { CaptureService, NINA_EVENT } from '@app/equipment';
import { EventBus } from '@app/core';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { nina, openSocket, type SocketClient } from '../helpers/equipment/equipment-client';

const LOOPS = 200;
const shot = { duration: 0.01, imageType: 'LIGHT' };

/**
 * What browser clients of ninaAPI do after a capture: load prepared-image on IMAGE-PREPARED and
 * start the next capture from the API-CAPTURE-FINISHED handler itself. The camera must never
 * answer "Camera currently exposing" to that next capture.
 */
describe('N.I.N.A. capture loop on the simulator', () => {
  let t: TestApp;
  let api: ReturnType<typeof nina>;
  let socket: SocketClient;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    api = nina(t.app);
    await api.ok('equipment/camera/connect');
    // 640×512 frames keep 200 round trips short; the flow is the same at any size.
    await api.ok('equipment/camera/set-binning', { binning: '2x2' });
    socket = await openSocket(t.app);
  });
  afterAll(async () => {
    socket?.close();
    await t.close();
  });

  it('announces IMAGE-PREPARED, then IMAGE-SAVE, then API-CAPTURE-FINISHED; prepared-image streams the frame', async () => {
    expect(await api.fails('prepared-image', 404)).toBe('No image');
    const before = socket.messages.length;
    const done = await api.ok('equipment/camera/capture', { ...shot, waitForResult: true, omitImage: true });
    expect(done).toEqual({});
    expect(socket.events().slice(before)).toEqual(['IMAGE-PREPARED', 'IMAGE-SAVE', 'API-CAPTURE-FINISHED']);
    expect(socket.messages[before]).toEqual({ Response: { Event: 'IMAGE-PREPARED' }, Error: '', StatusCode: 200, Success: true, Type: 'Socket' });
    expect((await api.ok('event-history')).map((e: { Event: string }) => e.Event)).not.toContain('IMAGE-PREPARED');

    const png = await api.get('prepared-image');
    expect(png.headers['content-type']).toBe('image/png');
    expect(await sharp(png.body as Buffer).metadata()).toMatchObject({ format: 'png', width: 640, height: 512 });
    const jpeg = await api.get('prepared-image', { quality: 70, resize: true, scale: 0.5 });
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    expect(await sharp(jpeg.body as Buffer).metadata()).toMatchObject({ format: 'jpeg', width: 320 });
    // camera/capture streams JPEG as ninaAPI's non-standard image/jpg.
    const streamed = await api.get('equipment/camera/capture', { getResult: true, stream: true, quality: 70 });
    expect(streamed.headers['content-type']).toBe('image/jpg');
    expect((await sharp(streamed.body as Buffer).metadata()).format).toBe('jpeg');
  });

  it(`starts the next capture from the API-CAPTURE-FINISHED socket handler, ${LOOPS} times in a row`, async () => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const base = `http://127.0.0.1:${port}/v2/api/equipment/camera/capture?duration=${shot.duration}&imageType=${shot.imageType}`;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v2/socket`);
    await new Promise((resolve) => ws.once('open', resolve));
    const refusals: unknown[] = [];
    let finished = 0;
    const loop = new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => {
        const event = (JSON.parse(String(data)) as { Response: { Event: string } }).Response.Event;
        if (event !== 'API-CAPTURE-FINISHED') return;
        if (++finished === LOOPS) return resolve();
        fetch(base)
          .then((r) => r.json() as Promise<{ Success: boolean }>)
          .then((reply) => {
            if (!reply.Success) refusals.push(reply);
          })
          .catch(reject);
      });
    });
    const first = (await (await fetch(base)).json()) as { Response: string };
    expect(first.Response).toBe('Capture started');
    await loop;
    ws.close();
    expect(refusals).toEqual([]);
    expect(finished).toBe(LOOPS);
  }, 180_000);

  it('lets an in-process subscriber start the next capture synchronously on API-CAPTURE-FINISHED', async () => {
    const capture = t.app.get(CaptureService);
    const started: string[] = [];
    const refused: string[] = [];
    let finished = 0;
    const flow = { getResult: false, waitForResult: false, onlyAwaitCaptureCompletion: false };
    const request = () => ({ durationSeconds: shot.duration, imageType: 'LIGHT' as const, targetName: '' });
    const subscription = t.app
      .get(EventBus)
      .on(NINA_EVENT)
      .subscribe(({ payload }) => {
        if (payload.Event !== 'API-CAPTURE-FINISHED' || ++finished >= 20) return;
        capture.run(flow, request).then(
          (outcome) => started.push('message' in outcome ? outcome.message : 'result'),
          (err: Error) => refused.push(err.message),
        );
      });
    try {
      await capture.run(flow, request);
      for (let i = 0; i < 400 && finished < 20; i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      subscription.unsubscribe();
    }
    expect(refused).toEqual([]);
    expect(started).toHaveLength(19);
  }, 60_000);
});
