import { readFile } from 'node:fs/promises';
import { EventBus, FileStore, parseFitsHeader } from '@app/core';
import { CaptureService, CENTERING_STEP, CenteringService, type CenteringStep } from '@app/equipment';
import { angularSeparationDeg } from '@app/plate-solver';
import { astrometryMissing } from '../../libs/plate-solver/test/astrometry-fixture';
import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { nina } from '../helpers/equipment/equipment-client';

const missing = astrometryMissing();
if (missing) console.warn(`plate-solving e2e skipped: ${missing}`);
const withAstrometry = missing ? describe.skip : describe;

/** Orion's belt region: real Tycho-2 stars the simulator images and astrometry.net finds again. */
const TARGET = { ra: 83.8, dec: -5.4 };

withAstrometry('plate solving on the simulator: capture solve=true, centring, sync', () => {
  let t: TestApp;
  let api: ReturnType<typeof nina>;

  beforeAll(async () => {
    t = await startTestApp();
    api = nina(t.app);
    await api.ok('equipment/camera/connect');
    await api.ok('equipment/mount/connect');
    await api.ok('equipment/mount/unpark');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('image/{index}/solve and prepared-image/solve answer N.I.N.A.\'s PlateSolveResult of where the mount points', async () => {
    await api.ok('equipment/mount/slew', TARGET);
    await api.ok('equipment/camera/capture', { duration: 1, waitForResult: true, omitImage: true });
    const last = (await api.ok('image-history', { count: true })) - 1;
    for (const solved of [await api.ok(`image/${last}/solve`), await api.ok('prepared-image/solve')]) {
      expect(solved).toMatchObject({ Success: true, Flipped: false });
      expect(angularSeparationDeg(solved.Coordinates.RADegrees, solved.Coordinates.Dec, TARGET.ra, TARGET.dec) * 3600).toBeLessThan(10);
    }
  });

  it('solves a capture: PlateSolveResult in the reply, the WCS in the stored FITS header', async () => {
    await api.ok('equipment/mount/slew', TARGET);
    const reply = await api.ok('equipment/camera/capture', { duration: 1, solve: true, waitForResult: true, omitImage: true });
    const solved = reply.PlateSolveResult;
    expect(solved).toMatchObject({ Success: true, Flipped: false });
    // An aligned simulator without a pointing error images where the mount reports.
    expect(angularSeparationDeg(solved.Coordinates.RADegrees, solved.Coordinates.Dec, TARGET.ra, TARGET.dec) * 3600).toBeLessThan(10);
    expect(solved.Pixscale).toBeCloseTo(1.616, 2); // 206.265 × 3.76 µm / 480 mm
    const stored = t.app.get(CaptureService).lastCapture!.archived.record.filePath;
    const header = parseFitsHeader(await readFile(t.app.get(FileStore).resolve(stored)));
    const value = (key: string) => header.cards.find((c) => c.key === key)?.value;
    expect(value('CTYPE1')).toMatch(/^RA---TAN/);
    expect(Math.abs((value('CRVAL1') as number) - TARGET.ra)).toBeLessThan(0.01);
    expect(value('CD1_1')).toEqual(expect.any(Number));
  }, 120_000);

  it('centres from a 2° pointing error: solve, sync, slew again until within the threshold', async () => {
    await api.ok('profile/change-value', { settingpath: 'SimulatorSettings-PointingErrorRaArcmin', newValue: '120' });
    await api.ok('profile/change-value', { settingpath: 'SimulatorSettings-PointingErrorDecArcmin', newValue: '-30' });
    const steps: CenteringStep[] = [];
    const subscription = t.app.get(EventBus).on(CENTERING_STEP).subscribe((e) => steps.push(e.payload));
    await api.ok('equipment/mount/slew', { ...TARGET, center: true, waitForResult: true });
    subscription.unsubscribe();
    const solves = steps.filter((s) => s.step === 'solve');
    expect(solves[0].errorArcmin).toBeGreaterThan(115); // the mount was 2° off
    expect(steps.map((s) => s.step)).toEqual(expect.arrayContaining(['slew', 'expose', 'solve', 'sync', 'centred']));
    expect(steps.at(-1)).toMatchObject({ step: 'centred' });
    expect(steps.at(-1)!.errorArcmin).toBeLessThan(1); // PlateSolveSettings-Threshold
    expect(solves.length).toBeLessThanOrEqual(3);
    // The sequencer's entry point gives the same: already centred, one exposure.
    const again = await t.app.get(CenteringService).center({ raDeg: TARGET.ra, decDeg: TARGET.dec });
    expect(again).toMatchObject({ centred: true, attempts: 1, exposures: 1 });
  }, 240_000);

  it('stops centring when the caller hangs up: no solve after the exposure under way', async () => {
    const steps: CenteringStep[] = [];
    const subscription = t.app.get(EventBus).on(CENTERING_STEP).subscribe((e) => steps.push(e.payload));
    // The 2 s exposure is running when the client gives up after 1 s.
    await expect(request(t.app.getHttpServer()).get('/v2/api/equipment/mount/slew').query({ ra: 56.75, dec: 24.1, center: true, waitForResult: true }).timeout(1000)).rejects.toThrow(/Timeout/);
    await new Promise((r) => setTimeout(r, 4000));
    subscription.unsubscribe();
    expect(steps.map((s) => s.step)).toEqual(['slew', 'expose']);
  }, 60_000);

  it('mount/sync without coordinates solves a frame and syncs the mount to it', async () => {
    await api.ok('equipment/mount/slew', TARGET); // lands on the target: the centring's sync holds
    await api.ok('profile/change-value', { settingpath: 'SimulatorSettings-PointingErrorDecArcmin', newValue: '30' });
    // The model error grew by 1° in declination since the last sync: the mount reports the target, the optics point 1° north.
    await api.ok('equipment/mount/sync');
    const info = await api.ok('equipment/mount/info');
    expect(angularSeparationDeg(info.Coordinates.RADegrees, info.Coordinates.Dec, TARGET.ra, TARGET.dec + 1)).toBeLessThan(1 / 60);
  }, 120_000);
});
