import { writeFile, mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import request from 'supertest';
import { EventBus, FileStore } from '@app/core';
import { CAPTURE_SAVED, MAX_SAVES_IN_FLIGHT, NINA_EVENT } from '@app/equipment';
import { SequencerService } from '@app/sequencer';
import { nina } from '../helpers/equipment/equipment-client';
import { startTestApp, type TestApp } from '../helpers/test-app';

const FRAMES = 8;
const area = (type: string, items: unknown[] = []) => ({ $type: `NINA.Sequencer.Container.${type}, NINA.Sequencer`, Items: { $values: items }, Conditions: { $values: [] }, Triggers: { $values: [] } });
/** One Take Exposure of `count` short frames in a deep-sky container: captures back to back. */
function backToBack(count: number) {
  const exposure = { $type: 'NINA.Sequencer.SequenceItem.Imaging.TakeExposure, NINA.Sequencer', ExposureTime: 0.01, ExposureCount: count, ImageType: 'LIGHT', Gain: -1, Offset: -1, Binning: { X: 1, Y: 1 } };
  const target = { ...area('DeepSkyObjectContainer', [exposure]), Target: { TargetName: 'Pipeline', PositionAngle: 0, InputCoordinates: { RAHours: 5, RAMinutes: 35, RASeconds: 0, DecDegrees: 40, DecMinutes: 0, DecSeconds: 0, NegativeDec: false } } };
  return { ...area('SequenceRootContainer', [area('StartAreaContainer'), area('TargetAreaContainer', [target]), area('EndAreaContainer')]), Name: 'Back to back' };
}

/**
 * A sequence's frames are pipelined (the next exposure starts once the frame is in memory; saves
 * trail in order, bounded), in real time on the simulator camera.
 */
describe('sequencer capture pipeline on the simulator', () => {
  let t: TestApp;
  let api: ReturnType<typeof nina>;
  const events: { event: string; error?: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    api = nina(t.app);
    // The bus is synchronous: one list holds both kinds in the order they were published.
    const bus = t.app.get(EventBus);
    bus.on(NINA_EVENT).subscribe(({ payload }) => events.push({ event: payload.Event, error: payload.Error as string | undefined }));
    bus.on(CAPTURE_SAVED).subscribe(() => events.push({ event: 'IMAGE-SAVE' }));
    await api.ok('equipment/camera/connect');
  });
  afterAll(() => t.close());

  async function runSequence(count: number) {
    const http = request(t.app.getHttpServer());
    expect((await http.post('/v2/api/sequence/load').send(backToBack(count))).body.Success).toBe(true);
    events.length = 0;
    await api.ok('sequence/start');
    await t.app.get(SequencerService).untilIdle();
    const runs = (await http.get('/sequencer/runs')).body as { id: string; status: string }[];
    const log = (await http.get(`/sequencer/runs/${runs[0].id}/log`)).body as { item: string; outcome: string; message: string }[];
    return { run: runs[0], log };
  }

  it('starts each exposure before the previous frame is saved, never "Camera currently exposing", and loses nothing', async () => {
    const { run, log } = await runSequence(FRAMES);
    expect(run.status).toBe('FINISHED');
    expect(log.filter((l) => l.outcome === 'FAILED')).toEqual([]);
    expect(events.filter((e) => e.event === 'SEQUENCE-ENTITY-FAILED')).toEqual([]);
    const names = events.map((e) => e.event);
    expect(names.filter((e) => e === 'IMAGE-PREPARED')).toHaveLength(FRAMES);
    expect(names.filter((e) => e === 'IMAGE-SAVE')).toHaveLength(FRAMES);
    // Every save happened before the run ended; a sequence's frames are not API captures.
    expect(names.lastIndexOf('IMAGE-SAVE')).toBeLessThan(names.indexOf('SEQUENCE-FINISHED'));
    expect(names).not.toContain('API-CAPTURE-FINISHED');
    // Bounded: frames in memory but not yet saved never exceed MAX_SAVES_IN_FLIGHT.
    let unsaved = 0;
    let most = 0;
    for (const e of names) {
      if (e === 'IMAGE-PREPARED') most = Math.max(most, ++unsaved);
      if (e === 'IMAGE-SAVE') unsaved--;
    }
    expect(unsaved).toBe(0);
    expect(most).toBeLessThanOrEqual(MAX_SAVES_IN_FLIGHT);
    // In frame order, and pipelined: frame k+1 started (its DATE-OBS) before frame k's IMAGE-SAVE.
    const history: { Date: string; Filename: string }[] = (await api.ok('image-history', { all: true })).slice(-FRAMES);
    const starts = history.map((h) => Date.parse(h.Date));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    const saves = ((await api.ok('event-history')) as { Event: string; Time: string }[]).filter((e) => e.Event === 'IMAGE-SAVE').slice(-FRAMES).map((e) => Date.parse(e.Time));
    for (let k = 0; k + 1 < FRAMES; k++) expect(starts[k + 1]).toBeLessThanOrEqual(saves[k]);
  }, 120_000);

  it('reports a frame whose background save fails (event and run log); the night goes on', async () => {
    // A file where the images folder belongs: every FITS write fails, as on a full or broken disk.
    const folder = t.app.get(FileStore).resolve('equipment/images');
    await rm(folder, { recursive: true, force: true });
    await mkdir(dirname(folder), { recursive: true });
    await writeFile(folder, 'not a folder');
    const before = await api.ok('image-history', { count: true });
    try {
      const { run, log } = await runSequence(3);
      expect(run.status).toBe('FINISHED');
      const failures = events.filter((e) => e.event === 'SEQUENCE-ENTITY-FAILED');
      expect(failures.map((f) => f.error?.replace(/: .*/, ''))).toEqual(['frame 1 was not saved', 'frame 2 was not saved', 'frame 3 was not saved']);
      expect(log.filter((l) => l.outcome === 'FAILED').map((l) => l.item)).toEqual(['Take Exposure', 'Take Exposure', 'Take Exposure']);
      expect(log.find((l) => l.outcome === 'FAILED')!.message).toMatch(/^frame 1 was not saved: /);
      expect(await api.ok('image-history', { count: true })).toBe(before);
      expect(events.at(-1)?.event).toBe('SEQUENCE-FINISHED');
    } finally {
      await rm(folder, { force: true });
    }
  }, 120_000);
});
