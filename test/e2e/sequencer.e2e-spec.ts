import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MakeTime, SiderealTime } from 'astronomy-engine';
import { CaptureIngestService } from '@app/archive';
import { EventBus, ManualClock } from '@app/core';
import { CAPTURE_SAVED, EquipmentRegistry, NINA_EVENT } from '@app/equipment';
import { SEQUENCER_AUTOFOCUS, SequencerService, type AutofocusPort } from '@app/sequencer';
import { nina } from '../helpers/equipment/equipment-client';
import { startTestApp, type TestApp } from '../helpers/test-app';

const FIXTURES = join(__dirname, '../fixtures/nina-sequences');
const fixture = (name: string) => readFile(join(FIXTURES, name), 'utf8');
const SITE = { longitude: 16.37 };
const NIGHT_START = '2026-01-15T19:00:00Z';
const BEST_FOCUS = 25_000;

type Api = ReturnType<typeof nina>;

async function connectAll(api: Api) {
  for (const d of ['camera', 'mount', 'filterwheel', 'focuser', 'guider', 'dome', 'safetymonitor']) await api.ok(`equipment/${d}/connect`);
}

/** Local sidereal time in hours at the site. */
function lst(at: Date): number {
  return (((SiderealTime(MakeTime(at)) + SITE.longitude / 15) % 24) + 24) % 24;
}

describe('N.I.N.A. advanced sequencer on /v2/api/sequence', () => {
  let t: TestApp;
  let api: Api;
  const clock = new ManualClock(NIGHT_START);
  const events: string[] = [];

  beforeAll(async () => {
    // No plate solver: "Slew and center" must fail on its own in the failure test below.
    t = await startTestApp({ clock, configure: { plateSolving: { solver: 'none' } } });
    api = nina(t.app);
    t.app.get(EventBus).on(NINA_EVENT).subscribe(({ payload }) => events.push(payload.Event));
  });
  afterAll(() => t.close());

  it('answers 409 "Sequence is not initialized" before a sequence is loaded, and 400 to unknown actions', async () => {
    for (const path of ['sequence/json', 'sequence/state', 'sequence/start', 'sequence/stop', 'sequence/reset']) expect(await api.fails(path, 409)).toBe('Sequence is not initialized');
    expect(await api.fails('sequence/edit', 400, { path: 'Start-Name', value: 'x' })).toBe('Sequence is not initialized');
    expect(await api.fails('sequence/frobnicate', 400)).toBe('Unknown action');
    expect(await api.ok('sequence/list-available')).toEqual([]);
  });

  it('lists and loads sequence files from DATA_DIR/sequences, a bare target included', async () => {
    const folder = join(t.config.dataDir, 'sequences');
    await mkdir(join(folder, 'targets'), { recursive: true });
    await writeFile(join(folder, 'night.json'), await fixture('two-targets-night.json'));
    await writeFile(join(folder, 'targets', 'm1.json'), await fixture('target-only.json'));
    expect(await api.ok('sequence/list-available')).toEqual(['night', 'targets/m1']);
    expect(await api.fails('sequence/load', 400, { sequenceName: 'missing' })).toBe('Sequence not found');
    expect(await api.fails('sequence/load', 400, { sequenceName: '../../etc/passwd' })).toBe('Sequence not found');
    expect(await api.ok('sequence/load', { sequenceName: 'targets/m1' })).toBe('Sequence updated');
    const json = await api.ok('sequence/json');
    expect(json[0]).toEqual({ GlobalTriggers: [] });
    expect(json.slice(1).map((c: { Name: string }) => c.Name)).toEqual(['Start_Container', 'Targets_Container', 'End_Container']);
    expect(json[2].Items[0].Name).toBe('M 1_Container');
  });

  it('POST sequence/load takes N.I.N.A. JSON; json and state render the tree with typed fields', async () => {
    const res = await request(t.app.getHttpServer()).post('/v2/api/sequence/load').set('Content-Type', 'application/json').send(await fixture('two-targets-night.json'));
    expect(res.body).toMatchObject({ Response: 'Sequence updated', StatusCode: 200, Success: true });
    const json = await api.ok('sequence/json');
    expect(json[0].GlobalTriggers).toEqual([{ Name: 'Park When Unsafe_Trigger', Status: 'CREATED' }]);
    const m42 = json[2].Items[0];
    expect(m42).toMatchObject({ Name: 'M 42_Container', Status: 'CREATED' });
    expect(m42.Conditions.map((c: { Name: string }) => c.Name)).toEqual(['Loop until Altitude Below_Condition', 'Loop For Iterations_Condition']);
    expect(m42.Triggers.map((c: { Name: string }) => c.Name)).toEqual(['Meridian Flip_Trigger', 'AF After HFR Increase_Trigger']);
    expect(m42.Items[2]).toMatchObject({ Name: 'Smart Exposure', ExposureTime: 300, Iterations: 6, DitherTargetExposures: 3, Filter: 'Luminance', Type: 'LIGHT', Binning: { X: 1, Y: 1 } });
    expect(json[1].Items[0]).toMatchObject({ Name: 'Cool Camera', Temperature: -10, MinCoolingTime: 5 });
    const state = await api.ok('sequence/state');
    expect(state[2].Items[0].Items[3]).toMatchObject({ Name: 'Smart Exposure', Gain: 100, Offset: 10 });
  });

  it('edit, set-target and skip answer as ninaAPI, with their errors', async () => {
    expect(await api.ok('sequence/edit', { path: 'Imaging-Items-1-Items-3-ExposureTime', value: '480' })).toBe('Updated setting');
    expect((await api.ok('sequence/json'))[2].Items[1].Items[3].ExposureTime).toBe(480);
    await api.ok('sequence/edit', { path: 'Imaging-Items-1-Items-3-ExposureTime', value: '600' });
    expect(await api.fails('sequence/edit', 400, { path: 'Imaging-Items-9-ExposureTime', value: '1' })).toBe('Invalid path');
    expect(await api.fails('sequence/edit', 400, { path: 'Imaging-Items-1-Items-3-ExposureTime' })).toBe("New value can't be null");
    expect(await api.fails('sequence/set-target', 400, { name: 'X', ra: 10, dec: 10, rotation: 0, index: 5 })).toBe('Index out of range');
    expect(await api.fails('sequence/set-target', 400, { name: 'X', ra: 10, dec: 10, rotation: 0 })).toBe('index is required');
    expect(await api.fails('sequence/skip', 409, { type: 'ToEnd' })).toBe('Sequence not running');
    expect(await api.fails('sequence/skip', 400, { type: 'Sideways' })).toMatch(/type must be one of CurrentItems, ToEnd, ToImaging/);
    expect(await api.ok('sequence/reset')).toBe('Sequence reset');
  });

  it('refuses to start with unknown items unless skipValidation=true, which runs them DISABLED', async () => {
    const res = await request(t.app.getHttpServer()).post('/v2/api/sequence/load').set('Content-Type', 'application/json').send(await fixture('with-unknown-items.json'));
    expect(res.body.Success).toBe(true);
    const error = await api.fails('sequence/start', 400);
    expect(error).toContain('Start-Items-1: NINA.Plugin.Discord.SequenceItems.SendToDiscord, NINA.Plugin.Discord');
    expect(error).toContain('TargetScheduler.Sequencer.PsfGuardTrigger');
    const json = await api.ok('sequence/json');
    expect(json[1].Items[1]).toEqual({ Name: 'SendToDiscord', Status: 'DISABLED' });
    expect(json[0].GlobalTriggers[1]).toEqual({ Name: 'PsfGuardTrigger_Trigger', Status: 'DISABLED' });
  });

  it('runs a whole night: two targets, a meridian flip, autofocus on HFR drift, an unsafe spell, frames per filter', async () => {
    await connectAll(api);
    // The archive files the profile telescope's captures into a dataset per night.
    const http = request(t.app.getHttpServer());
    const site = (await http.post('/observingsites/').send({ name: 'Backyard', coordinates: { longitude: 16.37, latitude: 48.2, height: 180 }, time_zone: 'Europe/Vienna' }).expect(201)).body;
    await http.post('/telescopes/').send({ name: 'Skygate Simulator 80/480', observing_site: site.uuid }).expect(201);
    const registry = t.app.get(EquipmentRegistry);
    const sequencer = t.app.get(SequencerService);
    const port = t.app.get<AutofocusPort>(SEQUENCER_AUTOFOCUS);
    let autofocusRuns = 0;
    port.run = async () => {
      autofocusRuns++;
      await registry.require('focuser').move(BEST_FOCUS);
      return { position: BEST_FOCUS, hfr: 2 };
    };
    // The focus drifts a little with every frame; the HFR trigger must notice.
    let frames = 0;
    let unsafeAt: number | null = null;
    const safety = registry.get('safetymonitor') as unknown as { setSafe(safe: boolean): void };
    t.app.get(EventBus).on(CAPTURE_SAVED).subscribe(() => {
      frames++;
      const focuser = registry.get('focuser');
      void focuser.move(focuser.status().position + 1500);
      if (frames === 5) {
        unsafeAt = clock.nowMs();
        safety.setSafe(false);
      }
    });
    const resume = setInterval(() => {
      if (unsafeAt !== null && clock.nowMs() - unsafeAt > 40 * 60_000) {
        safety.setSafe(true);
        unsafeAt = null;
      }
    }, 2);
    // Target 1 crosses the meridian half an hour into the night; target 2 is already west and sets.
    const now = clock.now();
    const ra1 = ((lst(now) + 0.5) % 24) * 15;
    const ra2 = ((lst(now) - 2 + 24) % 24) * 15;
    await request(t.app.getHttpServer()).post('/v2/api/sequence/load').set('Content-Type', 'application/json').send(await fixture('two-targets-night.json'));
    await api.ok('sequence/set-target', { name: 'High East', ra: ra1, dec: 40, rotation: 0, index: 0 });
    await api.ok('sequence/set-target', { name: 'Low West', ra: ra2, dec: 20, rotation: 0, index: 1 });
    events.length = 0;
    expect(await api.ok('sequence/start')).toBe('Sequence started');
    expect(await api.fails('sequence/start', 409)).toBe('Sequence is already running');
    expect(await api.fails('equipment/camera/capture', 409, { duration: 1 })).toBe('Camera is in use by the running sequence');
    expect(await api.fails('equipment/mount/slew', 409, { ra: 10, dec: 10 })).toBe('Mount is in use by the running sequence');
    await sequencer.untilIdle();
    clearInterval(resume);

    const json = await api.ok('sequence/json');
    expect(json.slice(1).map((c: { Status: string }) => c.Status)).toEqual(['FINISHED', 'FINISHED', 'FINISHED']);
    const history: { Filter: string; TargetName?: string }[] = await api.ok('image-history', { all: true });
    const perFilter = (f: string) => history.filter((h) => h.Filter === f).length;
    // Two passes of (6 L + 4 R) on the first target; Ha on the second until it sets below 20°.
    expect(perFilter('Luminance')).toBe(12);
    expect(perFilter('Red')).toBe(8);
    expect(perFilter('H_Alpha')).toBeGreaterThan(3);
    expect(history.length).toBe(frames);
    await t.app.get(CaptureIngestService).idle();
    const files = (await http.get('/datafiles/').expect(200)).body as { header: Record<string, unknown> }[];
    expect(files.length).toBe(frames);
    expect(files.filter((f) => f.header.FILTER === 'Luminance').length).toBe(12);
    expect(files.filter((f) => f.header.FILTER === 'Red').length).toBe(8);
    expect(events[0]).toBe('SEQUENCE-STARTING');
    expect(events.at(-1)).toBe('SEQUENCE-FINISHED');
    expect(events).toContain('MOUNT-BEFORE-FLIP');
    expect(events).toContain('MOUNT-AFTER-FLIP');
    expect(autofocusRuns).toBeGreaterThan(0);
    expect(events.filter((e) => e === 'SAFETY-CHANGED').length).toBe(2);
    expect(registry.get('mount').status().atPark).toBe(true);
    expect(registry.get('dome').status().shutter).toBe('ShutterClosed');
    const eventHistory: { Event: string }[] = await api.ok('event-history');
    expect(eventHistory.map((e) => e.Event)).toEqual(expect.arrayContaining(['SEQUENCE-STARTING', 'SEQUENCE-FINISHED']));

    // The run's log, through Skygate's own route.
    const runs = (await request(t.app.getHttpServer()).get('/sequencer/runs')).body;
    expect(runs[0]).toMatchObject({ status: 'FINISHED', sequenceName: 'Two targets' });
    const log = (await request(t.app.getHttpServer()).get(`/sequencer/runs/${runs[0].id}/log`)).body as { item: string; outcome: string; message: string }[];
    expect(log.some((l) => l.item === 'Park When Unsafe' && l.message === 'unsafe: parked and closed')).toBe(true);
    expect(log.some((l) => l.item === 'Park When Unsafe' && l.message === 'safe again: resumed')).toBe(true);
    expect(log.filter((l) => l.outcome === 'FAILED')).toEqual([]);
  });

  it('an instruction that cannot run fails alone: SEQUENCE-ENTITY-FAILED, the run goes on', async () => {
    const text = (await fixture('two-targets-night.json')).replace('NINA.Sequencer.SequenceItem.Utility.Annotation', 'NINA.Sequencer.SequenceItem.Platesolving.Center');
    await request(t.app.getHttpServer()).post('/v2/api/sequence/load').set('Content-Type', 'application/json').send(text);
    events.length = 0;
    await api.ok('sequence/start');
    expect(await api.ok('sequence/skip', { type: 'ToEnd' })).toBe('Skipped');
    await t.app.get(SequencerService).untilIdle();
    const json = await api.ok('sequence/json');
    expect(json[1].Items[3]).toMatchObject({ Name: 'Slew and center', Status: 'FAILED' });
    expect(json[2].Status).toBe('SKIPPED');
    expect(events).toContain('SEQUENCE-ENTITY-FAILED');
  });
});

describe('a restart in the middle of a night', () => {
  it('marks the run FAILED with the reason and the item it stopped in; a crashed run too', async () => {
    const clock = new ManualClock(NIGHT_START);
    const first = await startTestApp({ clock, persistent: true });
    let second: TestApp | null = null;
    try {
      const api = nina(first.app);
      await connectAll(api);
      // A run a crashed process left RUNNING (nothing ended it).
      const crashed = '11111111-1111-4111-8111-111111111111';
      await first.app.get(DataSource).query(`INSERT INTO sequencer_runs (id, sequence_name, started_at, status, current_item) VALUES ($1, 'Old night', now(), 'RUNNING', 'Imaging-Items-0-Items-2 (Smart Exposure)')`, [crashed]);
      const saved = new Promise<void>((resolve) => {
        let n = 0;
        first.app.get(EventBus).on(CAPTURE_SAVED).subscribe(() => ++n === 2 && resolve());
      });
      await request(first.app.getHttpServer()).post('/v2/api/sequence/load').set('Content-Type', 'application/json').send(await fixture('two-targets-night.json'));
      await api.ok('sequence/start');
      await saved;
      await first.stop();
      second = await startTestApp({ clock, reuse: first.reuse });
      const runs = (await request(second.app.getHttpServer()).get('/sequencer/runs')).body as { id: string; status: string; reason: string }[];
      const old = runs.find((r) => r.id === crashed)!;
      expect(old).toMatchObject({ status: 'FAILED', reason: 'Skygate restarted during the run while running Imaging-Items-0-Items-2 (Smart Exposure)' });
      const night = runs.find((r) => r.id !== crashed)!;
      expect(night.status).toBe('FAILED');
      expect(night.reason).toMatch(/^Skygate stopped during the run while running Imaging-Items-0-Items-\d \(.+\)$/);
      // The loaded sequence came back from the database.
      expect((await nina(second.app).ok('sequence/json'))[0].GlobalTriggers[0].Name).toBe('Park When Unsafe_Trigger');
    } finally {
      await second?.stop();
      await first.close();
    }
  });
});
