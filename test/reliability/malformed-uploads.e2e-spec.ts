import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetMetadata, signSync } from '../e2e/sync-test-client';
import { rawRequest, type RawOutcome } from '../helpers/raw-http';
import { cliUsers, processEnv, startServerProcess, type ServerProcess } from '../helpers/server-process';

/**
 * No request may end the process: malformed, truncated and abandoned multipart bodies are thrown
 * at every multipart route of the built server, running as a real child process. Each must get a
 * 4xx in its wire family's shape (or, when the client itself gives up, a closed socket), the
 * process must stay alive, and no staged upload may be left in DATA_DIR.
 */

const B = 'malformed-corpus-boundary';
const FILE = Buffer.concat([Buffer.alloc(96 * 1024, 0x61), Buffer.from('\r\n--malformed-corpus-boundar'), Buffer.alloc(32 * 1024, 0x62)]);
const LIMIT_BYTES = 1024 * 1024;
const REMOTE = { 'X-Forwarded-For': '203.0.113.9' }; // not loopback: the key is what lets the request in

type Family = 'arcsecond' | 'indi-allsky';

interface Route {
  name: string;
  method: string;
  path: string;
  family: Family;
  headers: Record<string, string>;
  /** The parts that come before the file: form fields, or the signed metadata. */
  lead: Buffer;
  fileField: string;
  fileName: string;
}

interface Case {
  name: string;
  contentType?: string;
  body: Buffer[];
  chunked?: boolean;
  end?: boolean;
  /** Content-Length to announce when it is not the length of what is sent. */
  announce?: number;
  destroyAfterMs?: number;
  /** The client gives up: a closed socket is as good an outcome as a 4xx. */
  aborted?: boolean;
}

const text = (s: string) => Buffer.from(s);
const part = (headers: string, content: Buffer) => [text(`--${B}\r\n${headers}\r\n\r\n`), content, text('\r\n')];
const fieldPart = (name: string, value: string) => part(`Content-Disposition: form-data; name="${name}"`, text(value));
const fileHead = (r: Route) => text(`--${B}\r\nContent-Disposition: form-data; name="${r.fileField}"; filename="${r.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
const filePart = (r: Route) => [fileHead(r), FILE, text('\r\n')];
const closing = text(`--${B}--\r\n`);

function corpus(r: Route): Case[] {
  const cutInFile = [r.lead, fileHead(r), FILE.subarray(0, 50_000)];
  return [
    { name: 'truncated inside the file part, with Content-Length', body: cutInFile },
    { name: 'chunked and cut inside the file part', body: [r.lead, fileHead(r), FILE.subarray(0, 30_000), FILE.subarray(30_000, 70_000)], chunked: true },
    { name: 'no closing boundary after a complete file part', body: [r.lead, ...filePart(r)] },
    { name: 'the reproducer: a file part and nothing more', body: [text(`--${B}\r\nContent-Disposition: form-data; name="${r.fileField}"; filename="a"\r\n\r\nhi\r\n`)] },
    { name: 'a boundary the body does not use', contentType: 'multipart/form-data; boundary=another-boundary', body: [r.lead, ...filePart(r), closing] },
    { name: 'no boundary in the Content-Type', contentType: 'multipart/form-data', body: [r.lead, ...filePart(r), closing] },
    { name: 'not multipart at all', contentType: 'application/octet-stream', body: [FILE] },
    { name: 'garbage part headers', body: [r.lead, ...part('this is not a header line', text('x')), closing] },
    { name: 'a boundary line followed by junk', body: [r.lead, text(`--${B}junk\r\n\r\n`), closing] },
    { name: 'a huge part header block', body: [r.lead, text(`--${B}\r\nContent-Disposition: form-data; name="${r.fileField}"; filename="${r.fileName}"\r\nX-Padding: ${'p'.repeat(200_000)}\r\n\r\n`), FILE, text('\r\n'), closing] },
    { name: 'a field instead of the file', body: [r.lead, ...fieldPart(r.fileField, 'not a file'), closing] },
    { name: 'two file parts', body: [r.lead, ...filePart(r), ...filePart(r), closing] },
    { name: 'a chunked body over the size limit', body: [r.lead, fileHead(r), ...Array.from({ length: 24 }, () => FILE), text('\r\n'), closing], chunked: true },
    { name: 'aborted mid-file (Content-Length)', body: cutInFile, announce: 400_000, end: false, destroyAfterMs: 300, aborted: true },
    { name: 'aborted mid-file (chunked)', body: cutInFile, chunked: true, end: false, destroyAfterMs: 300, aborted: true },
  ];
}

async function regularFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Staged uploads live in DATA_DIR/tmp; an aborted body may need a moment to be noticed. */
async function leftovers(dataDir: string, waitMs: number): Promise<string[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const files = await regularFiles(join(dataDir, 'tmp'));
    if (files.length === 0 || Date.now() >= deadline) return files;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function expectFamilyError(outcome: RawOutcome, family: Family, aborted: boolean): void {
  if ('closed' in outcome) {
    expect({ aborted, closed: true }).toEqual({ aborted: true, closed: true });
    return;
  }
  expect(outcome.status).toBeGreaterThanOrEqual(400);
  expect(outcome.status).toBeLessThan(500);
  const body = JSON.parse(outcome.body) as Record<string, unknown>;
  // Arcsecond (Django REST framework): `{"detail"}`, or a 400 naming its field (`{"file": ["..."]}`).
  const [only] = Object.keys(body);
  if (family === 'arcsecond' && outcome.status === 400 && only !== 'detail') {
    expect({ keys: Object.keys(body).length, messages: body[only] }).toEqual({ keys: 1, messages: [expect.any(String)] });
    return;
  }
  const key = family === 'arcsecond' ? 'detail' : 'error';
  expect(Object.keys(body)).toEqual([key]);
  expect(typeof body[key]).toBe('string');
}

describe('malformed multipart bodies against the server process', () => {
  let dataDir: string;
  let server: ServerProcess;
  let routes: Route[];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'skygate-malformed-'));
    cliUsers(dataDir, ['add', 'uploader', '--admin'], 'uploader-password\n');
    const key = cliUsers(dataDir, ['genapikey', 'uploader', '--scope', 'upload', '--signing']).trim().split('\n').pop()!;
    server = await startServerProcess(processEnv(dataDir, { UPLOAD_MAX_BYTES: String(LIMIT_BYTES), SYNC_MAX_BYTES: String(LIMIT_BYTES) }));

    // Setting up a camera is not an upload: the trusted loopback caller does it.
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`http://127.0.0.1:${server.port}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      return (await res.json()) as { uuid: string };
    };
    const site = await post('/observingsites/', { name: 'Roof' });
    const camera = await post('/allskycameras/', { name: 'Roof camera', observing_site: site.uuid });

    const archive = { family: 'arcsecond' as const, headers: { ...REMOTE, 'X-API-KEY': key }, fileField: 'file', fileName: 'frame.fits' };
    const metadata = JSON.stringify(assetMetadata('image', FILE.length));
    const signed = { ...REMOTE, Authorization: signSync('uploader', key, metadata, Date.now() / 1000) };
    const sync = { family: 'indi-allsky' as const, headers: signed, lead: Buffer.concat(part('Content-Disposition: form-data; name="metadata"; filename="metadata.json"\r\nContent-Type: application/json', text(metadata))), fileField: 'media' };
    routes = [
      { ...archive, name: 'Arcsecond data file', method: 'POST', path: '/datafiles/', lead: Buffer.concat([...fieldPart('dataset', randomUUID()), ...fieldPart('is_raw', 'True')]) },
      { ...archive, name: 'Arcsecond all-sky image', method: 'POST', path: `/allskycameras/${camera.uuid}/images/`, lead: Buffer.concat([...fieldPart('camera', camera.uuid), ...fieldPart('utc_timestamp', '2026-11-29T20:00:00Z')]) },
      { ...sync, name: 'SyncAPI image (POST)', method: 'POST', path: '/indi-allsky/sync/v1/image', fileName: 'image.jpg' },
      { ...sync, name: 'SyncAPI keogram (PUT)', method: 'PUT', path: '/indi-allsky/sync/v1/keogram', fileName: 'keogram.jpg' },
      { ...sync, name: 'SyncAPI video (POST)', method: 'POST', path: '/indi-allsky/sync/v1/video', fileName: 'video.mp4' },
      { ...sync, name: 'SyncAPI asset lookup (GET)', method: 'GET', path: '/indi-allsky/sync/v1/image', fileName: 'image.jpg' },
      { ...sync, name: 'SyncAPI camera (POST)', method: 'POST', path: '/indi-allsky/sync/v1/camera', fileName: 'image.jpg' },
    ];
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers every malformed body with a 4xx in the family shape, stays alive and leaves no staged file', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const c of corpus(route)) {
        const label = `${route.name}: ${c.name}`;
        const length = c.body.reduce((n, b) => n + b.length, 0);
        const outcome = await rawRequest(server.port, {
          method: route.method,
          path: route.path,
          headers: { ...route.headers, 'Content-Type': c.contentType ?? `multipart/form-data; boundary=${B}`, ...(c.chunked ? {} : { 'Content-Length': String(c.announce ?? length) }) },
          body: c.body,
          chunked: c.chunked,
          end: c.end,
          destroyAfterMs: c.destroyAfterMs,
        });
        try {
          expectFamilyError(outcome, route.family, c.aborted === true);
        } catch (err) {
          failures.push(`${label}: ${(err as Error).message.split('\n').slice(0, 6).join(' ')}; got ${JSON.stringify(outcome).slice(0, 300)}`);
        }
        expect({ label, alive: server.alive() }).toEqual({ label, alive: true });
        const live = await fetch(`http://127.0.0.1:${server.port}/health/live`).then((r) => r.status);
        expect({ label, live }).toEqual({ label, live: 200 });
        // Answered: the staged file was gone before the answer. Aborted: it goes as soon as the close is seen.
        expect({ label, staged: await leftovers(dataDir, c.aborted ? 3000 : 0) }).toEqual({ label, staged: [] });
      }
    }
    expect(failures).toEqual([]);
    expect(await regularFiles(join(dataDir, 'files'))).toEqual([]);
    expect(server.stderr()).not.toMatch(/uncaught|unhandled/i);
  }, 300_000);
});
