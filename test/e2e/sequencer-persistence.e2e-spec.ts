import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processEnv, startServerProcess, type ServerProcess } from '../helpers/server-process';

const FIXTURE = join(__dirname, '../fixtures/nina-sequences/two-targets-night.json');
const LIMIT = 3 * 1024 * 1024;
const NOTES = 2700;
const EXPOSURE_PATH = 'Imaging-Items-1-Items-3-ExposureTime';

type Envelope = { Response: unknown; Error: string; StatusCode: number; Success: boolean };

/** The fixture night with `annotations` Annotation instructions in the End area (~800 bytes each as pretty-printed; N.I.N.A. files of real nights are MBs). */
async function bigSequence(annotations: number): Promise<string> {
  const night = JSON.parse(await readFile(FIXTURE, 'utf8')) as { Items: { $values: { Items: { $values: unknown[] } }[] } };
  const end = night.Items.$values[2].Items.$values;
  for (let n = 0; n < annotations; n++) {
    end.push({ $id: String(10_000 + n), $type: 'NINA.Sequencer.SequenceItem.Utility.Annotation, NINA.Sequencer', Text: `Note ${n}: ${'flat panel and dew heater check '.repeat(15)}`, Parent: { $ref: '64' }, ErrorBehavior: 0, Attempts: 1 });
  }
  return JSON.stringify(night, null, 2);
}

/**
 * The built server as a process: sequence/edit and set-target survive a real restart and a reload
 * of the same file; POST sequence/load takes multi-megabyte N.I.N.A. JSON up to
 * SEQUENCE_LOAD_MAX_BYTES while every other JSON route keeps Nest's 100 KB limit.
 */
describe('sequencer persistence and body size (server process)', () => {
  let dataDir: string;
  let server: ServerProcess | null = null;
  const env = () => processEnv(dataDir, { SEQUENCE_LOAD_MAX_BYTES: String(LIMIT) });
  const nina = async (path: string, query: Record<string, string | number> = {}): Promise<Envelope> => {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    return (await fetch(`${server!.url}/v2/api/${path}?${qs}`)).json() as Promise<Envelope>;
  };
  const json = async () => (await nina('sequence/json')).Response as { Name: string; Items: { Name: string; Items: { ExposureTime?: number }[] }[] }[];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'skygate-seq-persist-'));
    await mkdir(join(dataDir, 'sequences'), { recursive: true });
    await writeFile(join(dataDir, 'sequences', 'night.json'), await readFile(FIXTURE, 'utf8'));
    server = await startServerProcess(env());
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps edit and set-target across a restart and a reload of the same file; a changed file loads fresh', async () => {
    expect((await nina('sequence/list-available')).Response).toEqual(['night']);
    expect((await nina('sequence/load', { sequenceName: 'night' })).Success).toBe(true);
    const original = (await json())[2].Items[1].Items[3].ExposureTime;
    expect(original).not.toBe(480);
    expect(await nina('sequence/edit', { path: EXPOSURE_PATH, value: '480' })).toMatchObject({ Response: 'Updated setting', Success: true });
    expect(await nina('sequence/set-target', { name: 'Edited', ra: 83.8, dec: -5.4, rotation: 12, index: 0 })).toMatchObject({ Response: 'Target updated', Success: true });

    await server!.stop();
    server = await startServerProcess(env());
    let after = await json();
    expect(after[2].Items[0].Name).toBe('Edited_Container');
    expect(after[2].Items[1].Items[3].ExposureTime).toBe(480);
    const state = (await nina('sequence/state')).Response as { Items: { Target?: { TargetName: string; Rotation?: number } }[] }[];
    expect(JSON.stringify(state[2].Items[0])).toContain('Edited');

    // Loading the same, unchanged file again keeps the edits (N.I.N.A. keeps them in its loaded sequence).
    expect((await nina('sequence/list-available')).Response).toEqual(['night']);
    expect((await nina('sequence/load', { sequenceName: 'night' })).Success).toBe(true);
    after = await json();
    expect(after[2].Items[1].Items[3].ExposureTime).toBe(480);
    expect(after[2].Items[0].Name).toBe('Edited_Container');

    // The file changed on disk: it is another sequence now, loaded as it is.
    await writeFile(join(dataDir, 'sequences', 'night.json'), (await readFile(FIXTURE, 'utf8')) + '\n');
    expect((await nina('sequence/load', { sequenceName: 'night' })).Success).toBe(true);
    after = await json();
    expect(after[2].Items[1].Items[3].ExposureTime).toBe(original);
    expect(after[2].Items[0].Name).not.toBe('Edited_Container');
  }, 300_000);

  it('POST sequence/load takes a 2 MB N.I.N.A. sequence, answers 413 in the envelope beyond the limit, and other routes keep 100 KB', async () => {
    const big = await bigSequence(NOTES);
    expect(Buffer.byteLength(big)).toBeGreaterThan(2 * 1024 * 1024);
    expect(Buffer.byteLength(big)).toBeLessThan(LIMIT);
    const post = (body: string, path = '/v2/api/sequence/load') => fetch(`${server!.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const loaded = await post(big);
    expect(loaded.status).toBe(200);
    expect(await loaded.json()).toMatchObject({ Response: 'Sequence updated', Success: true });
    const end = (await json())[3];
    expect(end.Items.filter((i) => i.Name === 'Annotation')).toHaveLength(NOTES);

    const tooBig = await post(await bigSequence(2 * NOTES));
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toEqual({ Response: '', Error: `The sequence is larger than ${LIMIT} bytes (SEQUENCE_LOAD_MAX_BYTES)`, StatusCode: 413, Success: false, Type: 'API' });
    // The server still holds the 2 MB sequence, and answers.
    expect((await json())[3].Items).toHaveLength(end.Items.length);

    const broken = await post('{"$type": ');
    expect(await broken.json()).toMatchObject({ StatusCode: 400, Success: false });

    // Every other JSON route keeps the default limit (100 KB).
    const other = await post(JSON.stringify({ name: 'x'.repeat(200 * 1024) }), '/observingsites/');
    expect(other.status).toBe(413);
  }, 300_000);
});
