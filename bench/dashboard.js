// The dashboard's first view on loopback in Debian's Chromium (playwright-core), cold cache each
// round (a new browser context): first-contentful-paint, the time until the first panel card is
// drawn, and the bytes transferred (compressed, as sent) for the page's own files and for the API
// answers of the first view. Baseline in the same run: Swagger UI at /api, cold, on the same server.
// Usage: npm run build && node bench/dashboard.js [rounds]   (needs apt-get install chromium)
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { spawn } = require('node:child_process');
const { chromium } = require('playwright-core');
const { freePort, waitFor, root } = require('./lib');

const ROUNDS = Number(process.argv[2] ?? 5);
const GOAL_BYTES = 300 * 1024;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One cold load: FCP, time until `ready` is visible, and transfer sizes from the Resource Timing API. */
async function coldLoad(browser, url, ready) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector(ready, { state: 'visible', timeout: 60000 });
  const readyMs = await page.evaluate(() => performance.now());
  await page.waitForTimeout(1500); // let the first view's requests finish
  const timing = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const isApi = (r) => r.initiatorType === 'fetch' || r.initiatorType === 'xmlhttprequest';
    const sum = (list, key) => list.reduce((n, r) => n + r[key], 0);
    const own = resources.filter((r) => !isApi(r));
    const api = resources.filter(isApi);
    return {
      fcp: paint ? paint.startTime : NaN,
      pageSent: nav.transferSize + sum(own, 'transferSize'),
      pageDecoded: nav.decodedBodySize + sum(own, 'decodedBodySize'),
      apiSent: sum(api, 'transferSize'),
      requests: resources.length + 1,
    };
  });
  await context.close();
  return { ...timing, readyMs };
}

async function main() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'skygate-bench-dashboard-'));
  const server = spawn(process.execPath, [join(root, 'dist/apps/skygate/src/main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const browser = await chromium.launch({
    executablePath: process.env.SKYGATE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/health`, 120000);
    const base = `http://127.0.0.1:${port}`;
    await coldLoad(browser, `${base}/`, 'main .card'); // warm the server (JIT, first database queries), not the browser
    const dashboard = [];
    const swagger = [];
    for (let i = 0; i < ROUNDS; i++) { // interleaved, so both see the same machine
      dashboard.push(await coldLoad(browser, `${base}/`, 'main .card'));
      swagger.push(await coldLoad(browser, `${base}/api`, '.swagger-ui .info'));
    }
    const row = (label, runs) => {
      const m = (key) => median(runs.map((r) => r[key]));
      return { label, fcp: m('fcp'), ready: m('readyMs'), pageSent: m('pageSent'), pageDecoded: m('pageDecoded'), apiSent: m('apiSent'), requests: m('requests') };
    };
    const d = row('dashboard /', dashboard);
    const s = row('Swagger UI /api', swagger);
    const kb = (n) => (n / 1024).toFixed(1);
    console.log(`median of ${ROUNDS} cold loads each, Chromium ${browser.version()}, loopback\n`);
    console.log('| page | FCP ms | first panel ms | page files sent KiB (decoded) | API answers sent KiB | requests |');
    console.log('|---|---|---|---|---|---|');
    for (const r of [d, s]) console.log(`| ${r.label} | ${r.fcp.toFixed(0)} | ${r.ready.toFixed(0)} | ${kb(r.pageSent)} (${kb(r.pageDecoded)}) | ${kb(r.apiSent)} | ${r.requests} |`);
    console.log(`\nratio dashboard/Swagger UI: FCP ${(d.fcp / s.fcp).toFixed(2)}, bytes sent ${(d.pageSent / s.pageSent).toFixed(2)}`);
    console.log(`first view sent ${kb(d.pageSent + d.apiSent)} KiB in all; goal < ${GOAL_BYTES / 1024} KiB: ${d.pageSent + d.apiSent < GOAL_BYTES ? 'met' : 'NOT met'}`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
