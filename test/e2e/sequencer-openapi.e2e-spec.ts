import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { ManualClock } from '@app/core';
import { SequencerService } from '@app/sequencer';
import { findNinaSpec, NINA_SPEC_NAME, validateNinaAnswers } from '../helpers/equipment/nina-openapi';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** Every answer of /v2/api/sequence/*, successes and refusals, against ninaAPI's 2.2.15 document. */
const specPath = findNinaSpec();
const suite = specPath ? describe : describe.skip;
if (!specPath) console.warn(`skipping the sequence OpenAPI validation: ${NINA_SPEC_NAME} not found beside the repository (set SKYGATE_SHARED_DIR)`);

type Step = [string, Record<string, string | number | boolean>?];

const BEFORE_LOAD: Step[] = [['sequence/json'], ['sequence/state'], ['sequence/start'], ['sequence/stop'], ['sequence/reset'], ['sequence/skip', { type: 'ToEnd' }], ['sequence/set-target', { name: 'M 31', ra: 10.68, dec: 41.27, rotation: 0, index: 0 }], ['sequence/edit', { path: 'Start-Name', value: 'x' }], ['sequence/list-available'], ['sequence/load', { sequenceName: 'missing' }]];
const LOADED: Step[] = [
  ['sequence/load', { sequenceName: 'night' }],
  ['sequence/json'],
  ['sequence/state'],
  ['sequence/list-available'],
  ['sequence/set-target', { name: 'M 31', ra: 10.68, dec: 41.27, rotation: 0, index: 0 }],
  ['sequence/set-target', { name: 'M 31', ra: 10.68, dec: 41.27, rotation: 0, index: 7 }],
  ['sequence/edit', { path: 'Imaging-Items-0-Items-2-Iterations', value: '1' }],
  ['sequence/edit', { path: 'Imaging-Nothing-3', value: '1' }],
  ['sequence/skip', { type: 'CurrentItems' }],
  ['sequence/reset'],
  ['sequence/start', { skipValidation: true }],
  ['sequence/start'],
  ['sequence/load', { sequenceName: 'night' }],
  ['sequence/json'],
  ['sequence/skip', { type: 'ToEnd' }],
  ['sequence/stop'],
  ['sequence/state'],
];

suite('/v2/api/sequence against the ninaapi-2.2.15 OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock('2026-01-15T19:00:00Z') });
    await mkdir(join(t.config.dataDir, 'sequences'), { recursive: true });
    await writeFile(join(t.config.dataDir, 'sequences', 'night.json'), await readFile(join(__dirname, '../fixtures/nina-sequences/two-targets-night.json')));
  });
  afterAll(() => t?.close());

  it('answers every sequence route, before and after a load, with a body the document allows', async () => {
    const answers: { path: string; body: { StatusCode: number } }[] = [];
    for (const [path, query] of [...BEFORE_LOAD, ...LOADED]) {
      const res = await request(t.app.getHttpServer()).get(`/v2/api/${path}`).query(query ?? {});
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      answers.push({ path, body: res.body });
    }
    await t.app.get(SequencerService).untilIdle();
    expect(await validateNinaAnswers(specPath!, answers)).toEqual([]);
    // Each kind of answer was seen: successes, 409 refusals and 400 refusals.
    expect(new Set(answers.map((a) => a.body.StatusCode))).toEqual(new Set([200, 400, 409]));
  });
});
