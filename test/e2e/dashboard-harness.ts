import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { freePort, serverMain } from '../helpers/server-process';
import { assetMetadata, CAMERA_UUID, signSync, syncMultipart } from './sync-test-client';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// The dashboard suite drives Debian's Chromium (apt-get install chromium; .ci/run installs it)
// through playwright-core against the built server (dist/, as `npm start` runs it).
export const root = join(__dirname, '../..');
export const CHROMIUM = process.env.SKYGATE_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(root, '.tmp/screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A Skygate child process on 127.0.0.1 with its own data folder (and database); restartable with other settings. */
export class SkygateProcess {
  child: ChildProcess | null = null;
  output = '';

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly database: TestDatabase,
  ) {}

  static async create(): Promise<SkygateProcess> {
    const dataDir = await mkdtemp(join(tmpdir(), 'skygate-dashboard-'));
    return new SkygateProcess(await freePort(), dataDir, await createTestDatabase());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(env: Record<string, string> = {}): Promise<void> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', DATA_DIR: this.dataDir, LOG_LEVEL: 'warn', GPIO_DRIVER: 'simulated', ...env };
    if (this.database.config.kind === 'postgres') childEnv.DATABASE_URL = this.database.config.url;
    else delete childEnv.DATABASE_URL;
    const child = spawn(process.execPath, [serverMain], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    for (let i = 0; i < 480; i++) { // up to 2 minutes on a busy machine
      if (child.exitCode !== null) throw new Error(`skygate exited with ${child.exitCode}: ${this.output}`);
      const ok = await fetch(`${this.url}/health`).then((r) => r.ok, () => false);
      if (ok && child.exitCode === null) return; // a child that could not bind did not answer
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`skygate did not answer /health: ${this.output}`);
  }

  /** SIGKILL: the server vanishes as in a power cut, sockets and all. SIGTERM: a clean stop (killed after 15 s). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(forced);
    this.child = null;
  }

  async destroy(): Promise<void> {
    await this.kill();
    await this.database.drop();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  /** A JSON API call from this machine (trusted loopback unless the server was told otherwise). */
  async api<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/**
 * Chromium as the machine doc prescribes: headless, no network chatter; playwright-core gives
 * every launch a fresh, empty user-data dir of its own (and refuses --user-data-dir in args).
 * A document fulfilled by Playwright (the CSP check) has no address space, so Chromium's
 * local-network checks would refuse its websockets to 127.0.0.1: they are off (a page served by
 * Skygate from loopback never meets them).
 */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=LocalNetworkAccessChecks'],
  });
  return { browser, close: () => browser.close() };
}

/**
 * The policy Skygate's security headers set (scripts and styles from 'self' only, images also as
 * data: URLs, connections to this host), added to `/` when asked, so any inline script or style
 * the page needed would show as a console error.
 */
const csp = (origin: string) => `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${origin.replace(/^http/, 'ws')}; object-src 'none'; base-uri 'self'; frame-ancestors 'self'`;

/** A page that records console errors and uncaught exceptions (optionally served under the strict CSP). */
export async function openPage(context: BrowserContext, options: { csp?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  if (options.csp) await page.route(
    (url) => url.pathname === '/' || url.pathname === '/index.html',
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp(new URL(route.request().url()).origin) } });
    },
  );
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Buttons, inputs and selects on the page that have no accessible name (aria-label, text, or a label). */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.locator('button, input, select, textarea, [role="switch"], [role="slider"]').evaluateAll((elements) =>
    elements
      .filter((e) => {
        const el = e as HTMLInputElement;
        if (el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby')) return false;
        if (el.tagName === 'BUTTON' && el.textContent?.trim()) return false;
        return !(el.labels && el.labels.length > 0);
      })
      .map((e) => e.outerHTML.slice(0, 120)),
  );
}

/** Polls until `read` gives something `accept` likes; fails with the last value after `timeoutMs`. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > until) throw new Error(`still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A night-sky gradient strip standing in for a keogram, a startrail or a small allsky image. */
export async function gradientJpeg(width: number, height: number, hue: [number, number, number]): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const t = Math.sin((x / width) * Math.PI) * (1 - y / height / 2);
      pixels.set(hue.map((c) => Math.round(c * t)), (y * width + x) * 3);
    }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg().toBuffer();
}

export type SyncUpload = (method: 'PUT' | 'POST', type: string, media: Buffer, extra?: Record<string, unknown>) => Promise<number>;

/**
 * An indi-allsky camera uploading to the server: a user with a signing upload key, its camera
 * registered; each upload is signed as the client signs it and answers the asset id.
 */
export async function syncUploader(server: SkygateProcess, username = 'allskycam'): Promise<SyncUpload> {
  const user = await server.api<{ id: string }>('POST', '/users', { username, password: 'a-long-password', roles: ['uploader'] });
  const { key } = await server.api<{ key: string }>('POST', `/users/${user.id}/api-keys`, { scope: 'upload', signing: true, name: 'camera' });
  let createDate = Math.floor(Date.now() / 1000) - 3600;
  const upload: SyncUpload = async (method, type, media, extra = {}) => {
    const metadata = JSON.stringify(type === 'camera' ? extra : assetMetadata(type, media.length, { createDate: (createDate += 60), dayDate: new Date().toISOString().slice(0, 10).replace(/-/g, ''), ...extra }));
    const { body, contentType } = syncMultipart(metadata, media, 'upload.jpg');
    const response = await fetch(`${server.url}/indi-allsky/sync/v1/${type}`, {
      method,
      headers: { Authorization: signSync(username, key, metadata, Date.now() / 1000), 'Content-Type': contentType },
      body: new Uint8Array(body),
    });
    if (response.status !== 200) throw new Error(`${method} ${type}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: number }).id;
  };
  await upload('PUT', 'camera', Buffer.alloc(0), { type: 1, uuid: CAMERA_UUID, name: 'Allsky camera', utc_offset: 0, latitude: 48.2, tz: 'UTC', data: {} });
  return upload;
}
