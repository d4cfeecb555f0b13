import { createUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { nina } from '../helpers/equipment/equipment-client';
import { NinaSocket, type NinaSocketMessage } from '../helpers/equipment/nina-socket-client';

const ok = (Response: unknown) => ({ Response, Error: '', StatusCode: 200, Success: true, Type: 'Socket' });
const failure = (Error: string, StatusCode = 400) => ({ Response: '', Error, StatusCode, Success: false, Type: 'Socket' });
const status = (m: NinaSocketMessage) => (m.Response as { Status?: string }).Status;

/**
 * The simulator images the real sky (Tycho-2) and every point is plate solved by astrometry.net,
 * which places a frame centre within a few arcseconds; over 15° turns at Dec 35° that moves the
 * found axis by well under 1′, so the misalignment is recovered within 0.02° (1.2′).
 */
const TOLERANCE_DEG = 0.02;
const near = (value: number, expected: number) => Math.abs(value - expected) < TOLERANCE_DEG;

describe('/v2/tppa: three-point polar alignment on the simulator, plate solved', () => {
  let t: TestApp;
  let api: ReturnType<typeof nina>;
  let socket: NinaSocket;
  /** Reads messages until one matches, returning all of them. */
  const until = async (done: (m: NinaSocketMessage) => boolean) => {
    const seen: NinaSocketMessage[] = [];
    for (;;) {
      const message = await socket.next();
      if (message.StatusCode !== 200) throw new Error(`the alignment failed: ${message.Error}`);
      seen.push(message);
      if (done(message)) return seen;
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    api = nina(t.app);
    socket = await NinaSocket.open(t.app, '/v2/tppa');
  });
  afterAll(async () => {
    socket?.close();
    await t.close();
  });

  it('names what is wrong with a request', async () => {
    expect((await socket.ask('align please')).Error).toMatch(/^Invalid message: expected JSON \{"Action"/);
    expect(await socket.ask({ Action: 'dance' })).toEqual(failure('Action must be one of start-alignment, stop-alignment, pause-alignment, resume-alignment'));
    expect(await socket.ask({ Action: 'start-alignment', ExposureTime: 'long' })).toEqual(failure('ExposureTime must be a number'));
    expect(await socket.ask({ Action: 'start-alignment', TargetDistance: 200 })).toEqual(failure('TargetDistance must be between 1 and 90'));
    expect(await socket.ask({ Action: 'start-alignment', ManualMode: true })).toEqual(failure('ManualMode is not supported: Skygate turns the RA axis itself'));
    expect(await socket.ask('stop-alignment')).toEqual(failure('No alignment running', 409));
    expect(await socket.ask({ Action: 'start-alignment' })).toEqual(failure('Camera not connected', 409));
  });

  it('measures the polar misalignment set on the simulated mount', async () => {
    await api.ok('equipment/camera/connect');
    await api.ok('equipment/mount/connect');
    expect(await socket.ask({ Action: 'start-alignment' })).toEqual(failure('Mount parked', 409));
    await api.ok('equipment/mount/unpark');
    // A 240 mm lens: a 69′ × 55′ field holds enough Tycho-2 stars for a sure solve wherever the sky turns.
    await api.ok('profile/change-value', { settingpath: 'TelescopeSettings-FocalLength', newValue: '240' });
    await api.ok('equipment/mount/slew', { ra: 120, dec: 35 });
    await api.ok('profile/change-value', { settingpath: 'SimulatorSettings-PolarAltErrorArcmin', newValue: '30' });
    await api.ok('profile/change-value', { settingpath: 'SimulatorSettings-PolarAzErrorArcmin', newValue: '-18' });

    expect(await socket.ask({ Action: 'start-alignment', ExposureTime: 1, TargetDistance: 15, EastDirection: true, Gain: 300 })).toEqual(ok('started procedure'));
    // 1 s at gain 300: enough catalogue stars on every point's frame for astrometry.net to solve it.
    const isResult = (m: NinaSocketMessage) => typeof m.Response === 'object' && m.Response !== null && 'TotalError' in m.Response;
    const messages = await until(isResult);
    // A point whose frame did not solve is exposed again: only the try that solved counts here.
    const all = messages.filter(status).map((m) => [status(m) as string, (m.Response as { Progress: number }).Progress] as const);
    const statuses = all.filter(([s], i) => !(s.startsWith('Exposing') || s.startsWith('Solving')) || all[i + 2]?.[0] !== s);
    expect(statuses.map(([s]) => s)).toEqual([
      'Exposing point 1', 'Solving point 1', 'Moving to next point',
      'Exposing point 2', 'Solving point 2', 'Moving to next point',
      'Exposing point 3', 'Solving point 3', 'Calculating error',
    ]);
    const progress = statuses.map(([, p]) => p as number);
    expect(progress[0]).toBe(0);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1]);
    const result = messages.at(-1)!;
    expect(result).toMatchObject(ok({}));
    const error = result.Response as { AzimuthError: number; AltitudeError: number; TotalError: number };
    expect(Math.abs(error.AltitudeError - 0.5)).toBeLessThan(TOLERANCE_DEG);
    expect(Math.abs(error.AzimuthError + 0.3)).toBeLessThan(TOLERANCE_DEG);
    expect(error.TotalError).toBeGreaterThan(0.5);
    expect(error.TotalError).toBeLessThan(0.6);
    // Two turns of 15° east, made in coordinates of date: in J2000 (what the mount reports) a few arcminutes off 150°.
    expect(Math.abs((await api.ok('equipment/mount/info')).Coordinates.RADegrees - 150)).toBeLessThan(0.1);

    // The user turns the bolts (here: the simulator's misalignment changes); the running
    // alignment follows from where the next frames are, while the mount keeps tracking.
    await api.ok('profile/change-value', { settingpath: 'SimulatorSettings-PolarAltErrorArcmin', newValue: '12' });
    await api.ok('profile/change-value', { settingpath: 'SimulatorSettings-PolarAzErrorArcmin', newValue: '-6' });
    // (A frame may fall between the two changes: wait for one that has both.)
    const errorIs = (m: NinaSocketMessage, alt: number, az: number) => {
      const e = m.Response as { AltitudeError: number; AzimuthError: number };
      return isResult(m) && near(e.AltitudeError, alt) && near(e.AzimuthError, az);
    };
    const adjusted = await until((m) => errorIs(m, 0.2, -0.1));
    expect(adjusted.filter(status).map(status).filter((s) => !/^Adjusting: exposure \d+$/.test(s!))).toEqual([]);
    expect(adjusted.filter(isResult).every((m) => errorIs(m, 0.5, -0.3) || errorIs(m, 0.2, -0.3) || errorIs(m, 0.2, -0.1))).toBe(true);
    socket.send({ Action: 'stop-alignment' });
    expect((await until((m) => m.Response === 'stopped procedure')).at(-1)).toEqual(ok('stopped procedure'));
    const afterStop = socket.messages.length;
    await new Promise((r) => setTimeout(r, 300)); // many exposure lengths: nothing more may come
    expect(socket.messages.length).toBe(afterStop);
    socket.skipAll();
  }, 300_000);

  it('pauses between steps, resumes, and stops', async () => {
    // Exposures of 1 s, so the pause surely arrives while the first one runs.
    expect(await socket.ask({ Action: 'start-alignment', ExposureTime: 1 })).toEqual(ok('started procedure'));
    expect(status(await socket.next())).toBe('Exposing point 1');
    expect(await socket.ask({ Action: 'pause-alignment' })).toEqual(ok('paused procedure'));
    const whilePaused = socket.messages.length;
    await new Promise((r) => setTimeout(r, 1500)); // the exposure ends; a paused run must not go on
    expect(socket.messages.slice(whilePaused)).toEqual([]);
    expect(await socket.ask({ Action: 'start-alignment' })).toEqual(failure('Alignment already running', 409));
    expect(await socket.ask('resume-alignment')).toEqual(ok('resumed procedure'));
    expect(status(await socket.next())).toBe('Solving point 1');
    expect(await socket.ask({ Action: 'stop-alignment' })).toEqual(ok('stopped procedure'));
    const afterStop = socket.messages.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(socket.messages.slice(afterStop).filter((m) => status(m) === 'Done' || m.StatusCode !== 200)).toEqual([]);
    expect(await socket.ask('stop-alignment')).toEqual(failure('No alignment running', 409));
  });

  it('measures any rig with a camera and a mount, and refuses callers without equipment:update', async () => {
    await api.ok('profile/change-value', { settingpath: 'EquipmentDrivers-camera', newValue: 'indi' });
    expect(await socket.ask({ Action: 'start-alignment' })).toEqual(failure('Camera not connected', 409));
    await api.ok('profile/change-value', { settingpath: 'EquipmentDrivers-camera', newValue: 'simulator' });
    const viewer = await createUser(t.app, 'tppa-viewer', { roles: ['viewer'] });
    const refused = await NinaSocket.open(t.app, '/v2/tppa', `?api_key=${(await viewer.key()).key}`);
    refused.send({ Action: 'start-alignment' });
    expect(await refused.closed).toEqual({ code: 4403, reason: 'missing permission equipment:update' });
    expect(refused.messages).toEqual([]);
  });
});
