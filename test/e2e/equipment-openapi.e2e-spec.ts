import request from 'supertest';
import { findNinaSpec, NINA_SPEC_NAME, validateNinaAnswers } from '../helpers/equipment/nina-openapi';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * Every JSON answer of the N.I.N.A. routes, validated against ninaAPI's own 2.2.15 OpenAPI
 * document with openapi-backend (Ajv). ninaAPI always answers HTTP 200 and documents its error
 * answers under the envelope's StatusCode ("409", "500"...), so the schema is chosen by the
 * envelope's StatusCode. The document is test data from the project's shared folder; the
 * validation (and the document's errata) live in test/helpers/equipment/nina-openapi-validate.mjs.
 */
const specPath = findNinaSpec();

const ROUTES: [string, Record<string, string | number | boolean>?][] = [
  ['version'],
  ['equipment/info'],
  ['equipment/camera/info'],
  ['equipment/camera/set-binning', { binning: '2x2' }],
  ['equipment/mount/park'],
  ['equipment/camera/capture', { getResult: true }],
  ['image-history', { index: 3 }],
  ['prepared-image'],
  ...['camera', 'mount', 'focuser', 'rotator', 'filterwheel', 'dome', 'switch', 'guider', 'flatdevice', 'safetymonitor', 'weather'].flatMap(
    (d): [string, Record<string, string>?][] => [[`equipment/${d}/list-devices`], [`equipment/${d}/rescan`], [`equipment/${d}/connect`], [`equipment/${d}/info`]],
  ),
  ['equipment/camera/set-readout', { mode: 1 }],
  ['equipment/camera/set-readout/image', { mode: 0 }],
  ['equipment/camera/set-readout/snapshot', { mode: 0 }],
  ['equipment/camera/cool', { temperature: -5, minutes: 1 }],
  ['equipment/camera/warm', { minutes: 1 }],
  ['equipment/camera/dew-heater', { power: true }],
  ['equipment/camera/usb-limit', { limit: 50 }],
  ['equipment/camera/set-binning', { binning: '1x1' }],
  ['equipment/camera/abort-exposure'],
  ['equipment/mount/unpark'],
  ['equipment/mount/slew', { ra: 83.8, dec: -5.4 }],
  ['equipment/mount/info'],
  ['equipment/mount/sync', { ra: 83.8, dec: -5.4 }],
  ['equipment/mount/tracking', { mode: 0 }],
  ['equipment/mount/slew/stop'],
  ['equipment/mount/flip'],
  ['equipment/mount/set-park-position'],
  ['equipment/mount/home'],
  ['equipment/camera/capture', { duration: 0.01, imageType: 'LIGHT', waitForResult: true }],
  ['equipment/camera/capture/statistics'],
  ['image-history'],
  ['image-history', { all: true }],
  ['image-history', { count: true }],
  ['image/0', { resize: true, scale: 0.2 }],
  // prepared-image answers bytes once there is an image (ninaAPI always streams it): nina-capture-loop checks it.
  ['event-history'],
  ['equipment/focuser/move', { position: 1000 }],
  ['equipment/focuser/stop-move'],
  ['equipment/focuser/last-af'],
  ['equipment/rotator/move', { position: 10 }],
  ['equipment/rotator/move-mechanical', { position: 20 }],
  ['equipment/rotator/reverse', { reverseDirection: false }],
  ['equipment/rotator/set-mechanical-range', { range: 'FULL' }],
  ['equipment/rotator/stop-move'],
  ['equipment/filterwheel/change-filter', { filterId: 2 }],
  ['equipment/filterwheel/filter-info', { filterId: 2 }],
  ['equipment/filterwheel/add-filter'],
  ['equipment/filterwheel/remove-filter', { filterId: 7 }],
  ['equipment/filterwheel/info'],
  ['equipment/dome/open'],
  ['equipment/dome/set-follow', { enabled: true }],
  ['equipment/dome/sync'],
  ['equipment/dome/slew', { azimuth: 180 }],
  ['equipment/dome/stop'],
  ['equipment/dome/set-park-position'],
  ['equipment/dome/home'],
  ['equipment/dome/park'],
  ['equipment/dome/close'],
  ['equipment/dome/info'],
  ['equipment/switch/set', { index: 0, value: 0 }],
  ['equipment/switch/info'],
  ['equipment/flatdevice/set-light', { on: true }],
  ['equipment/flatdevice/set-cover', { closed: true }],
  ['equipment/flatdevice/set-brightness', { brightness: 100 }],
  ['equipment/flatdevice/info'],
  ['equipment/guider/start'],
  ['equipment/guider/info'],
  ['equipment/guider/graph'],
  ['equipment/guider/clear-calibration'],
  ['equipment/guider/stop'],
  ['application/switch-tab', { tab: 'framing' }],
  ['application/get-tab'],
  ['application/plugins'],
  ['application/screenshot', { resize: true, scale: 0.2 }],
  ['framing/set-coordinates', { RAangle: 10, DECangle: 41 }],
  ['framing/set-rotation', { rotation: 15 }],
  ['framing/slew'],
  ['framing/info'],
  ['profile/show'],
  ['profile/show', { active: true }],
  ['profile/change-value', { settingpath: 'TelescopeSettings-FocalLength', newValue: '500' }],
  ['profile/horizon'],
  ['sequence/json'],
  ['livestack/status'],
  ['livestack/start'],
  ['livestack/image/available'],
  ['livestack/image/M31/Luminance/info'],
  ['livestack/stop'],
  ['flats/status'],
  ['flats/stop'],
  ['flats/auto-exposure', { gain: 9000 }],
  ['flats/trained-flat'],
  ['equipment/focuser/auto-focus', { cancel: true }],
  ['plugin/settings'],
  ['astro-util/moon-separation', { ra: 83.8, dec: -5.4 }],
  ['application/logs', { lineCount: 5 }],
  ['framing/set-source', { source: 'NASA' }],
  ['framing/set-source', { source: 'GOOGLE' }],
  ['framing/determine-rotation'],
  ...['camera', 'mount', 'focuser', 'rotator', 'filterwheel', 'dome', 'switch', 'guider', 'flatdevice', 'safetymonitor', 'weather'].map((d): [string] => [`equipment/${d}/disconnect`]),
];

const suite = specPath ? describe : describe.skip;
if (!specPath) console.warn(`skipping the ninaAPI OpenAPI validation: ${NINA_SPEC_NAME} not found beside the repository (set SKYGATE_SHARED_DIR)`);

suite('N.I.N.A. routes against the ninaapi-2.2.15 OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('answers every built route with a body the document allows', async () => {
    const answers: { path: string; body: unknown }[] = [];
    for (const [path, query] of ROUTES) {
      const res = await request(t.app.getHttpServer()).get(`/v2/api/${path}`).query(query ?? {});
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 200, type: expect.stringMatching(/^application\/json/) });
      answers.push({ path, body: res.body });
    }
    expect(await validateNinaAnswers(specPath!, answers)).toEqual([]);
    expect(answers.filter((a) => (a.body as { StatusCode: number }).StatusCode === 200).length).toBeGreaterThan(100);
  });
});
