import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { freePort } from '../helpers/server-process';
import { launchChromium, SkygateProcess } from './dashboard-harness';

/** A blank page of its own origin, as a web client of the N.I.N.A. Advanced API is served. */
async function servePage(): Promise<{ origin: string; server: Server }> {
  const port = await freePort();
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>client</title>'));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${port}`, server };
}

/** fetch from the page with a header that forces a CORS preflight; 'blocked' when the browser refuses. */
const readVersion = (page: Page, base: string) =>
  page.evaluate(async (url) => {
    try {
      const response = await fetch(`${url}/v2/api/version`, { headers: { 'Content-Type': 'application/json' } });
      // The browser lets the page read the reply only when Skygate allowed its origin (and the preflight).
      return { status: response.status, success: ((await response.json()) as { Success: boolean }).Success };
    } catch {
      return 'blocked';
    }
  }, base);

/** Opens /v2/socket from the page: 'open' when it stays open for a second, else how it closed. */
const openSocket = (page: Page, base: string) =>
  page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`${url}/v2/socket`);
        socket.onopen = () => setTimeout(() => resolve('open'), 1000);
        socket.onclose = (event) => resolve(`closed ${event.code}`);
      }),
    base.replace(/^http/, 'ws'),
  );

describe('CORS: a browser page on another origin calls /v2/api and /v2/socket (Debian Chromium)', () => {
  let skygate: SkygateProcess;
  let listed: Awaited<ReturnType<typeof servePage>>;
  let unlisted: Awaited<ReturnType<typeof servePage>>;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    listed = await servePage();
    unlisted = await servePage();
    skygate = await SkygateProcess.create();
    await skygate.start({ CORS_ORIGINS: listed.origin });
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await skygate?.destroy();
    listed?.server.close();
    unlisted?.server.close();
  });

  it('a listed origin passes the preflight, reads the envelope and keeps its socket', async () => {
    const page = await browser.newPage();
    await page.goto(`${listed.origin}/`);
    expect(await readVersion(page, skygate.url)).toEqual({ status: 200, success: true });
    expect(await openSocket(page, skygate.url)).toBe('open');
    await page.close();
  });

  it('an unlisted origin can neither read the API nor keep a socket (no loopback trust for it)', async () => {
    const page = await browser.newPage();
    await page.goto(`${unlisted.origin}/`);
    expect(await readVersion(page, skygate.url)).toBe('blocked');
    expect(await openSocket(page, skygate.url)).toBe('closed 4401');
    await page.close();
  });
});
