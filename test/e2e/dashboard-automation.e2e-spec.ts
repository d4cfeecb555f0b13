import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, DESKTOP, eventually, gradientJpeg, launchChromium, openPage, PHONE, root, screenshot, SkygateProcess, syncUploader, unnamedControls, type SyncUpload } from './dashboard-harness';

const PASSWORD = 'a-long-password';
const HOUR_MS = 3_600_000;
const FRAMES = 4;

/** N.I.N.A. saved-sequence JSON (Newtonsoft $type / $values): one Smart Exposure of FRAMES short frames. */
function lightsSequence(): object {
  const list = (values: object[]) => ({ $type: 'System.Collections.ObjectModel.ObservableCollection`1[[NINA.Sequencer.SequenceItem.ISequenceItem, NINA.Sequencer]], System.ObjectModel', $values: values });
  const container = (type: string, name: string, items: object[] = [], conditions: object[] = []) => ({
    $type: `NINA.Sequencer.Container.${type}, NINA.Sequencer`,
    Strategy: { $type: 'NINA.Sequencer.Container.ExecutionStrategy.SequentialStrategy, NINA.Sequencer' },
    Name: name,
    Conditions: list(conditions),
    Items: list(items),
    Triggers: list([]),
  });
  const smartExposure = {
    ...container('SequentialContainer', 'Smart Exposure', [{ $type: 'NINA.Sequencer.SequenceItem.Imaging.TakeExposure, NINA.Sequencer', ExposureTime: 2.0, Gain: -1, Offset: -1, ImageType: 'LIGHT', ExposureCount: 0 }], [{ $type: 'NINA.Sequencer.Conditions.LoopCondition, NINA.Sequencer', CompletedIterations: 0, Iterations: FRAMES }]),
    $type: 'NINA.Sequencer.SequenceItem.Imaging.SmartExposure, NINA.Sequencer',
  };
  return container('SequenceRootContainer', 'Dashboard test', [
    container('StartAreaContainer', 'Start', [{ $type: 'NINA.Sequencer.SequenceItem.Utility.Annotation, NINA.Sequencer', Text: 'Night starts' }]),
    container('TargetAreaContainer', 'Targets', [container('SequentialContainer', 'Lights', [smartExposure])]),
    container('EndAreaContainer', 'End'),
  ]);
}

describe('dashboard Automation (Daemon, Sequencer) and the live Allsky image in Chromium', () => {
  let server: SkygateProcess;
  let chrome: { browser: Browser; close: () => Promise<void> };
  let context: BrowserContext;
  let upload: SyncUpload;
  let sensor: { id: string; measurementId: string };
  let pidId: string;
  const posted: number[] = [];

  const goto = async (page: Page, panel: string) => {
    await page.goto(`${server.url}/#${panel}`);
    await page.locator(`main[data-panel="${panel}"]`).waitFor();
  };
  const lights = (page: Page) => page.locator('.seq-item[data-name="Smart Exposure"] > .progress');

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run installs it)`);
    if (!existsSync(join(root, 'dist/dashboard/index.html'))) throw new Error('dist/dashboard is missing: run npm run build');
    server = await SkygateProcess.create();
    await server.start();
    chrome = await launchChromium();
    context = await chrome.browser.newContext({ viewport: DESKTOP });
    upload = await syncUploader(server);

    // A sensor (not activated: only the measurements posted below exist) with 12 points over the last day, through the Mycodo API.
    const input = await server.api<{ 'input settings': { unique_id: string }; 'device measurements': { unique_id: string }[] }>('POST', '/api/inputs/', {
      name: 'Mirror sensor',
      device: 'simulated',
      channels: [{ channel: 0, measurement: 'temperature', unit: 'C' }],
    });
    sensor = { id: input['input settings'].unique_id, measurementId: input['device measurements'][0].unique_id };
    const now = Date.now();
    for (let i = 11; i >= 0; i--) {
      const value = 4 + Math.round(Math.sin(i / 2) * 300) / 100;
      posted.push(value);
      await server.api('POST', `/api/measurements/create/${sensor.id}/C/0/${value}`, { timestamp: new Date(now - i * 2 * HOUR_MS - 60_000).toISOString() });
    }

    // A dew-heater PID on that sensor, stepping every 2 s.
    const output = await server.api<{ 'output device': { unique_id: string } }>('POST', '/api/outputs/', { name: 'Mirror heater', output_type: 'gpio', channels: [{ channel: 0, options: { pin: 23 } }] });
    const pid = await server.api<{ 'pid settings': { unique_id: string } }>('POST', '/api/pids/', {
      name: 'Mirror dew',
      measurement: `${sensor.id},${sensor.measurementId}`,
      setpoint: 9,
      p: 2,
      period: 2,
      max_measure_age: 86_400,
      raise_output_id: `${output['output device'].unique_id},0`,
      raise_max_duration: 1,
    });
    pidId = pid['pid settings'].unique_id;
    await server.api('POST', `/api/controllers/${pidId}`, { activate: true });

    await server.api('GET', '/v2/api/equipment/camera/connect');
    await server.api('POST', '/v2/api/sequence/load', lightsSequence());
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await chrome?.close();
    await server?.destroy();
  });

  describe('on this machine (trusted loopback)', () => {
    it('graphs the last 24 h of measurements posted through the Mycodo API, zoomable, and shows the PID state', async () => {
      const { page, errors } = await openPage(context);
      await goto(page, 'automation');
      const graph = page.locator(`figure.sensor[data-series="${sensor.id}/C/0"]`);
      await graph.waitFor();
      await expect(graph.getAttribute('data-points')).resolves.toBe(String(posted.length));
      await expect(graph.locator('figcaption strong').textContent()).resolves.toBe(`${posted[posted.length - 1].toFixed(2)} C`);
      const plot = graph.locator('.u-over');
      await plot.waitFor();
      // Drag across the middle of the graph: uPlot zooms the time axis; a double-click restores the day.
      const box = (await plot.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      await graph.locator('.chart[data-zoomed="true"]').waitFor();
      await plot.dblclick();
      await graph.locator('.chart[data-zoomed="false"]').waitFor();

      // The PID has stepped: active, its setpoint, the last measurement and a computed output (P × error).
      const card = page.locator(`.pid[data-pid="${pidId}"]`);
      await page.locator(`.pid[data-pid="${pidId}"][data-mode="active"]`).waitFor();
      const field = (name: string) => card.locator(`dt:text-is("${name}") + dd`);
      await expect(field('Setpoint').textContent()).resolves.toBe('9.00');
      const state = await eventually(
        () => server.api<{ last_output: number | null; derivator: number | null }>('GET', `/api/pids/${pidId}/state`),
        (s) => s.last_output !== null,
      );
      await eventually(() => field('Last output').textContent(), (text) => text === state.last_output!.toFixed(2), 10_000);
      await expect(field('Measured').textContent()).resolves.toBe(posted[posted.length - 1].toFixed(2));
      // Paused elsewhere: the page follows within its 5 s poll.
      await server.api('POST', `/api/pids/${pidId}/pause`);
      await page.locator(`.pid[data-pid="${pidId}"][data-mode="paused"]`).waitFor({ timeout: 10_000 });
      await page.getByRole('button', { name: 'Resume PID Mirror dew' }).click();
      await page.locator(`.pid[data-pid="${pidId}"][data-mode="active"]`).waitFor({ timeout: 10_000 });
      expect(errors).toEqual([]);
      await page.close();
    });

    it('runs a sequence from the page: the tree shows each status and the exposure set progresses to the end', async () => {
      const { page, errors } = await openPage(context);
      await goto(page, 'automation');
      await page.getByRole('list', { name: 'Sequence tree' }).waitFor();
      for (const name of ['Start', 'Targets', 'Lights', 'Smart Exposure', 'End']) await page.locator(`.seq-item[data-name="${name}"][data-status="CREATED"]`).waitFor();
      await expect(lights(page).getAttribute('data-total')).resolves.toBe(String(FRAMES));
      await expect(lights(page).getAttribute('data-done')).resolves.toBe('0');

      await page.getByRole('button', { name: 'Start sequence' }).click();
      // Record what the page shows while the run goes on (no reload): statuses and the frame count.
      const seen = new Set<string>();
      await eventually(
        async () => {
          const [done, status] = await Promise.all([lights(page).getAttribute('data-done'), page.locator('.seq-item[data-name="Smart Exposure"]').getAttribute('data-status')]);
          seen.add(`${status} ${done}`);
          return status;
        },
        (status) => status === 'FINISHED',
        120_000,
      );
      await expect(lights(page).getAttribute('data-done')).resolves.toBe(String(FRAMES));
      expect([...seen].some((s) => /^RUNNING [1-3]$/.test(s))).toBe(true); // the bar moved while the frames were taken
      await page.locator('.seq-item[data-name="Start"][data-status="FINISHED"]').waitFor();
      await page.locator('[data-sequence="idle"]').waitFor({ timeout: 10_000 });
      await expect(page.getByRole('button', { name: 'Stop sequence' }).isDisabled()).resolves.toBe(true);

      await page.getByRole('button', { name: 'Reset sequence' }).click();
      await page.locator('.seq-item[data-name="Smart Exposure"][data-status="CREATED"] > .progress[data-done="0"]').waitFor({ timeout: 10_000 });
      expect(errors).toEqual([]);
      await page.close();
    }, 150_000);

    it('shows a new sync upload live: sync.received on /allsky/events, well before the fallback poll', async () => {
      const first = await upload('POST', 'image', await gradientJpeg(320, 240, [60, 80, 160]));
      const { page, errors } = await openPage(context);
      await goto(page, 'allsky');
      await page.locator(`img[data-asset-id="${first}"]`).waitFor();
      await page.locator('[data-connection="live"]').waitFor({ timeout: 15_000 });
      const asked = Date.now();
      const second = await upload('POST', 'image', await gradientJpeg(320, 240, [160, 80, 60]), { stars: 77 });
      await page.locator(`img[data-asset-id="${second}"]`).waitFor({ timeout: 20_000 });
      expect(Date.now() - asked).toBeLessThan(30_000); // the fallback poll runs every 60 s
      await expect(page.locator('dt:text-is("Stars") + dd').textContent()).resolves.toBe('77');
      await goto(page, 'events');
      await page.locator('ol.events li', { hasText: 'sync.received' }).first().waitFor();
      await expect(page.locator('ol.events li', { hasText: 'sync.received' }).first().textContent()).resolves.toContain(`"id":${second}`);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('looks right on a desktop and a phone, day and night, every control named (screenshots in .tmp/screenshots)', async () => {
      for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
        const ctx = await chrome.browser.newContext({ viewport });
        const { page, errors } = await openPage(ctx);
        await goto(page, 'automation');
        await page.locator(`figure.sensor[data-series="${sensor.id}/C/0"] .u-over`).waitFor();
        await page.getByRole('list', { name: 'Sequence tree' }).waitFor();
        await page.locator('.pid[data-pid]').waitFor();
        await page.waitForTimeout(500);
        await screenshot(page, `automation-daemon-sequence-${name}`);
        expect(await unnamedControls(page)).toEqual([]);
        await page.getByRole('button', { name: 'Red night mode' }).click();
        await page.locator('html[data-theme="night"]').waitFor({ state: 'attached' });
        await goto(page, 'automation');
        await page.locator(`figure.sensor .u-over`).first().waitFor();
        await page.waitForTimeout(500);
        await screenshot(page, `automation-daemon-sequence-${name}-night`);
        expect(errors).toEqual([]);
        await ctx.close();
      }
    }, 60_000);
  });

  describe('from elsewhere: a viewer', () => {
    beforeAll(async () => {
      await server.api('POST', '/users', { username: 'viewer', password: PASSWORD, roles: ['viewer'] });
      await server.kill('SIGTERM');
      await server.start({ AUTH_TRUST_LOOPBACK: 'false' });
    }, 240_000);

    it('sees the graphs, the PID state and the sequence tree, and none of the controls', async () => {
      const ctx = await chrome.browser.newContext({ viewport: DESKTOP });
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/#automation`);
      await page.getByLabel('User name').fill('viewer');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.locator('header .user').textContent()).resolves.toBe('viewer');
      errors.length = 0; // the 401 of /auth/me before the sign-in is how the page learns it must ask
      await page.locator(`figure.sensor[data-series="${sensor.id}/C/0"][data-points="${posted.length}"] .u-over`).waitFor();
      await page.locator(`.pid[data-pid="${pidId}"][data-mode="active"]`).waitFor();
      await page.locator('.seq-item[data-name="Smart Exposure"] > .progress').waitFor();
      await page.waitForTimeout(500);
      await expect(page.locator('main button, main input, main select, main form').count()).resolves.toBe(0);
      await screenshot(page, 'automation-daemon-sequence-desktop-viewer');
      expect(errors).toEqual([]);
      await ctx.close();
    });
  });
});
