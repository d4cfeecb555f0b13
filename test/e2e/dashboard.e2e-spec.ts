import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, DESKTOP, eventually, gradientJpeg, launchChromium, openPage, PHONE, root, screenshot, SkygateProcess, syncUploader, unnamedControls, type SyncUpload } from './dashboard-harness';

const PANELS = ['allsky', 'equipment', 'automation', 'archive', 'events', 'system'];
const PASSWORD = 'a-long-password';

describe('dashboard in Chromium against a Skygate process', () => {
  let server: SkygateProcess;
  let chrome: { browser: Browser; close: () => Promise<void> };
  let context: BrowserContext;
  let upload: SyncUpload;

  const goto = async (page: Page, panel: string) => {
    await page.goto(`${server.url}/#${panel}`);
    await page.locator(`main[data-panel="${panel}"]`).waitFor();
  };

  const addUser = async (username: string, roles: string[]) => server.api<{ id: string }>('POST', '/users', { username, password: PASSWORD, roles });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run installs it)`);
    if (!existsSync(join(root, 'dist/dashboard/index.html'))) throw new Error('dist/dashboard is missing: run npm run build');
    server = await SkygateProcess.create();
    await server.start();
    chrome = await launchChromium();
    context = await chrome.browser.newContext({ viewport: DESKTOP });
    upload = await syncUploader(server);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await chrome?.close();
    await server?.destroy();
  });

  describe('on this machine (trusted loopback: no sign-in)', () => {
    it('serves / (no-cache) and /assets (immutable, compressed) without shadowing the API', async () => {
      const index = await fetch(`${server.url}/`, { headers: { 'Accept-Encoding': 'br' } });
      expect(index.headers.get('cache-control')).toBe('no-cache');
      const html = await index.text();
      expect(html).not.toMatch(/<script>|<style|style=/); // the CSP allows no inline scripts or styles
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
      const asset = await fetch(`${server.url}${script}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-encoding')).toBe('br');
      expect((await fetch(`${server.url}/health`).then((r) => r.json())).status).toBe('ok');
      expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
      expect((await fetch(`${server.url}/api`)).headers.get('content-type')).toContain('text/html');
    });

    it('opens without a sign-in and loads every panel with no console errors', async () => {
      const { page, errors } = await openPage(context);
      for (const panel of PANELS) {
        await goto(page, panel);
        await page.locator('main .card').first().waitFor();
      }
      await page.locator('[data-connection="live"]').waitFor({ timeout: 15_000 });
      expect(await page.locator('header .user').textContent()).toBe('this machine');
      await page.waitForTimeout(1_000); // late answers and socket messages
      expect(errors).toEqual([]);
      await page.close();
    });

    it('captures from the page and shows the image with its HFR, star count and histogram', async () => {
      const { page, errors } = await openPage(context);
      await goto(page, 'equipment');
      await page.getByRole('button', { name: 'Connect camera' }).click();
      await page.getByRole('button', { name: 'Disconnect camera' }).waitFor();
      await page.getByLabel('Exposure (s)').fill('0.5');
      await page.getByRole('button', { name: 'Start capture' }).click();
      await page.locator('img.capture-image').waitFor({ timeout: 30_000 });
      await page.locator('button[aria-label="Start capture"]:not([disabled])').waitFor({ timeout: 30_000 });
      const statistics = (await server.api<{ Response: { HFR: number; Stars: number } }>('GET', '/v2/api/equipment/camera/capture/statistics')).Response;
      const fields = page.locator('.capture-result .fields');
      await expect(fields.locator('dt:text-is("HFR") + dd').textContent()).resolves.toBe(statistics.HFR.toFixed(2));
      await expect(fields.locator('dt:text-is("Stars") + dd').textContent()).resolves.toBe(String(statistics.Stars));
      await page.getByRole('img', { name: /^Histogram/ }).locator('canvas').waitFor();
      const shown = await page.locator('img.capture-image').evaluate((img: HTMLImageElement) => img.naturalWidth);
      expect(shown).toBeGreaterThan(256); // the full preview replaced the 256 px thumbnail
      expect(errors).toEqual([]);
      await page.close();
    });

    it('toggles a GPIO output and the server has it; a PWM line shows a slider', async () => {
      await server.api('POST', '/gpio/digital', { pin: '17', state: 'off', name: 'dew heater' });
      await server.api('POST', '/gpio/pwm', { pin: '18', duty: 16384, frequency: 1000, name: 'fan' });
      const { page, errors } = await openPage(context);
      await goto(page, 'automation');
      const toggle = page.getByRole('switch', { name: 'GPIO 17 output' });
      await expect(toggle.isChecked()).resolves.toBe(false);
      await toggle.click();
      await eventually(async () => (await server.api<{ value: string }>('GET', '/gpio/digital/17')).value, (v) => v === 'on');
      await page.getByRole('switch', { name: 'GPIO 17 output', checked: true }).waitFor();
      await page.getByRole('slider', { name: 'PWM duty of GPIO 18' }).waitFor();
      // A change made elsewhere arrives over /allsky/events.
      await server.api('POST', '/gpio/digital', { pin: '17', state: 'off' });
      await page.getByRole('switch', { name: 'GPIO 17 output', checked: false }).waitFor({ timeout: 10_000 });
      expect(errors).toEqual([]);
      await page.close();
    });

    it('keeps up with 10 events a second: newest first, the filter still answers', async () => {
      const { page, errors } = await openPage(context);
      await goto(page, 'events');
      await page.locator('[data-connection="live"]').waitFor({ timeout: 15_000 });
      await page.locator('ol.events li', { hasText: 'CAMERA-CONNECTED' }).first().waitFor(); // event-history from before the page opened
      for (let i = 0; i < 60; i++) {
        await server.api('POST', '/gpio/digital', { pin: '22', state: i % 2 ? 'off' : 'on' });
        await new Promise((r) => setTimeout(r, 100));
      }
      const rows = page.locator('ol.events li', { hasText: 'gpio.pin-changed' });
      await eventually(() => rows.count(), (n) => n >= 60);
      await expect(rows.first().textContent()).resolves.toContain('"value":"off"'); // the last change (off) is on top
      await page.getByLabel('Filter').fill('CAMERA-');
      await eventually(() => page.locator('ol.events li').count(), (n) => n > 0 && n < 10);
      await expect(page.locator('ol.events li', { hasText: 'gpio.pin-changed' }).count()).resolves.toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('shows a new sync upload without a reload', async () => {
      const sky = await fetch(`${server.url}/v2/api/image/0?stream=true&resize=true&size=1024x819&quality=85`).then(async (r) => Buffer.from(await r.arrayBuffer()));
      const first = await upload('POST', 'image', sky, { width: 1024, height: 819 });
      await upload('POST', 'keogram', await gradientJpeg(1024, 160, [90, 120, 255]));
      await upload('POST', 'startrail', await gradientJpeg(640, 480, [200, 160, 255]));
      const { page, errors } = await openPage(context);
      await goto(page, 'allsky');
      await page.locator(`img[data-asset-id="${first}"]`).waitFor();
      await page.getByRole('img', { name: /^Keogram/ }).waitFor();
      const second = await upload('POST', 'image', sky, { width: 1024, height: 819, stars: 321 });
      await page.locator(`img[data-asset-id="${second}"]`).waitFor({ timeout: 20_000 });
      await expect(page.locator('dt:text-is("Stars") + dd').textContent()).resolves.toBe('321');
      expect(errors).toEqual([]);
      await page.close();
    });

    it("shows tonight's night log per telescope and the recent datasets", async () => {
      const { page, errors } = await openPage(context);
      await goto(page, 'archive');
      const title = await page.locator('section.card h2', { hasText: 'Tonight' }).textContent();
      const night = /\((\d{4}-\d{2}-\d{2})\)/.exec(title ?? '')![1]; // the page's own idea of the night (its time zone)
      const telescope = await server.api<{ uuid: string }>('POST', '/telescopes', { name: 'RedCat 51', acronym: 'RC51' });
      await server.api('POST', '/telescopes', { name: 'Dome C14' });
      await server.api('POST', '/nightlogs', { date: night, telescope: telescope.uuid });
      await server.api('POST', '/datasets', { name: `M31 ${night}`, telescope: telescope.uuid, tags: ['M31'] });
      await page.reload();
      await page.locator('li', { hasText: 'RedCat 51' }).getByText(`night log ${night}`).waitFor();
      await page.locator('li', { hasText: 'Dome C14' }).getByText('no night log yet').waitFor();
      await page.getByRole('cell', { name: `M31 ${night}` }).waitFor();
      expect(errors).toEqual([]);
      await page.close();
    });

    it('looks right on a desktop and a phone, in day and night mode, with a name on every control (screenshots in .tmp/screenshots)', async () => {
      for (const device of ['mount', 'focuser', 'filterwheel', 'dome', 'flatdevice', 'weather', 'safetymonitor']) await server.api('GET', `/v2/api/equipment/${device}/connect`);
      for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
        const ctx = await chrome.browser.newContext({ viewport });
        const { page, errors } = await openPage(ctx);
        for (const panel of PANELS) {
          await goto(page, panel);
          await page.locator('main .card').first().waitFor();
          await page.waitForTimeout(panel === 'allsky' || panel === 'equipment' ? 2_000 : 800); // images and polls
          await screenshot(page, `${panel}-${name}`);
          expect(await unnamedControls(page)).toEqual([]);
        }
        await page.getByRole('button', { name: 'Red night mode' }).click();
        await page.locator('html[data-theme="night"]').waitFor({ state: 'attached' });
        await goto(page, 'equipment');
        await page.waitForTimeout(1_500);
        await screenshot(page, `equipment-${name}-night`);
        expect(errors).toEqual([]);
        await ctx.close();
      }
    }, 120_000);

    it('needs no inline script or style: every panel runs under the CSP of the security headers', async () => {
      const { page, errors } = await openPage(context, { csp: true });
      for (const panel of PANELS) {
        await goto(page, panel);
        await page.locator('main .card').first().waitFor();
        await page.waitForTimeout(panel === 'equipment' || panel === 'allsky' ? 2_000 : 500); // images, charts
      }
      await goto(page, 'equipment');
      await page.locator('img.capture-image').waitFor();
      await page.getByRole('img', { name: /^Histogram/ }).locator('canvas').waitFor();
      await page.locator('[data-connection="live"]').waitFor({ timeout: 15_000 });
      expect(errors).toEqual([]); // nothing the page does ran into the policy...
      // ...and the policy is in force: an inline script is refused.
      const violated = await page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
            const probe = document.createElement('script');
            probe.textContent = 'document.title = "inline ran"';
            document.head.append(probe);
            setTimeout(() => resolve(document.title), 2_000);
          }),
      );
      expect(violated).toMatch(/^script-src/);
      await page.close();
    });

    it('says the connection is lost when the server dies, and reconnects when it is back', async () => {
      const { page } = await openPage(context);
      await goto(page, 'system');
      await page.locator('[data-connection="live"]').waitFor({ timeout: 15_000 });
      await server.kill();
      await page.locator('[data-connection="reconnecting"]').waitFor({ timeout: 15_000 });
      await server.start();
      await page.locator('[data-connection="live"]').waitFor({ timeout: 90_000 }); // back-off reaches 30 s
      // Data flows again: a GPIO change made now arrives on the reopened socket.
      await server.api('POST', '/gpio/digital', { pin: '17', state: 'on' });
      await goto(page, 'events');
      await page.locator('ol.events li', { hasText: 'gpio.pin-changed' }).first().waitFor({ timeout: 10_000 });
      await page.close();
    }, 240_000);
  });

  describe('from elsewhere (AUTH_TRUST_LOOPBACK=false: the browser counts as remote)', () => {
    let remote: BrowserContext;

    beforeAll(async () => {
      await addUser('viewer', ['viewer']);
      await addUser('operator', ['operator']);
      await server.kill('SIGTERM');
      await server.start({ AUTH_TRUST_LOOPBACK: 'false', JWT_TTL_SECONDS: '20' });
      remote = await chrome.browser.newContext({ viewport: DESKTOP });
    }, 240_000);
    afterAll(() => remote?.close());

    it('asks for a sign-in and says when the password is wrong', async () => {
      const { page } = await openPage(remote);
      await page.goto(`${server.url}/#equipment`);
      await page.getByRole('form', { name: 'Sign in' }).waitFor();
      await expect(page.locator('main .card').count()).resolves.toBe(0);
      await page.getByLabel('User name').fill('viewer');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toBe('Wrong user name or password.');
      await page.close();
    });

    it('a viewer signs in through the form and sees every panel without its controls; the token is renewed', async () => {
      const { page } = await openPage(remote);
      await page.goto(`${server.url}/#allsky`);
      await page.getByLabel('User name').fill('viewer');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.locator('header .user').textContent()).resolves.toBe('viewer');
      const firstToken = await page.evaluate(() => sessionStorage.getItem('skygate.session'));
      expect(firstToken).toContain('"username":"viewer"');

      await goto(page, 'allsky');
      await page.locator('dt:text-is("State") + dd').waitFor();
      await page.locator('img[data-asset-id]').first().waitFor();
      await goto(page, 'equipment');
      // Disconnected devices carry no name (as N.I.N.A. answers them): the camera card shows its state.
      await page.getByRole('region', { name: 'Camera', exact: true }).locator('.badge').waitFor();
      await goto(page, 'automation');
      await page.locator('.gpio-line[data-pin="17"]').waitFor();
      await screenshot(page, 'automation-desktop-viewer');
      for (const panel of ['allsky', 'equipment', 'automation']) {
        await goto(page, panel);
        await page.locator('main .card').first().waitFor();
        await page.waitForTimeout(500);
        await expect(page.locator('main button, main input[type="checkbox"], main input[type="range"], main form').count()).resolves.toBe(0);
      }
      await page.locator('[data-connection="live"]').waitFor({ timeout: 15_000 }); // sockets accept ?token=

      // JWT_TTL_SECONDS=20: the page logs in again at 80 % of the lifetime and stays signed in.
      await eventually(() => page.evaluate(() => sessionStorage.getItem('skygate.session')), (token) => token !== null && token !== firstToken, 30_000);
      await page.waitForTimeout(8_000); // past the first token's expiry
      await goto(page, 'system');
      await page.locator('dt:text-is("Version") + dd').filter({ hasNotText: '–' }).waitFor();
      await expect(page.getByRole('form', { name: 'Sign in' }).count()).resolves.toBe(0);
      await page.close();
    }, 90_000);

    it('an operator signing in gets the controls', async () => {
      const ctx = await chrome.browser.newContext({ viewport: DESKTOP });
      const { page } = await openPage(ctx);
      await page.goto(`${server.url}/#equipment`);
      await page.getByLabel('User name').fill('operator');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: /^(Connect|Disconnect) camera$/ }).waitFor();
      await goto(page, 'automation');
      await page.getByRole('switch', { name: 'GPIO 17 output' }).waitFor();
      await ctx.close();
    });
  });
});
