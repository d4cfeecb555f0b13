import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeFits, EquipmentRegistry } from '@app/equipment';
import { j2000ToJNow } from '@app/equipment/devices/astro';
import type { IndiDevice } from '@app/equipment/drivers/indi/indi-device';
import { IndiTimeoutError } from '@app/equipment/drivers/indi/indi-client';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { nina, openSocket, type SocketClient } from './equipment-client';
import { IndiServer } from './indi-server';

/**
 * The equipment API on the `indi` driver against Debian's indi-bin 1.9.9 simulators. Runs only
 * inside test/integration/indi-namespace.sh (indiserver binds every interface, so it must not
 * run in the host's network namespace): jest.config.js leaves this file out of other runs, and
 * `npm run test:integration` runs it through the script.
 */
if (process.env.SKYGATE_INDI_NAMESPACE !== '1') {
  throw new Error('the INDI suite runs only inside test/integration/indi-namespace.sh (needs root and indi-bin)');
}
const suite = describe;

const PORT = 7624;
const INDI_DEVICES = ['camera', 'mount', 'focuser', 'filterwheel', 'dome', 'rotator'];

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, tries = 200): Promise<T> {
  let value = await probe();
  for (let i = 0; i < tries && !ok(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

suite('N.I.N.A. API on INDI simulators', () => {
  let t: TestApp;
  let api: ReturnType<typeof nina>;
  let socket: SocketClient;
  const server = new IndiServer(PORT);

  beforeAll(async () => {
    await server.start();
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    api = nina(t.app);
    socket = await openSocket(t.app);
    await api.ok('profile/change-value', { settingpath: 'IndiSettings-Port', newValue: String(PORT) });
    await api.ok('profile/change-value', { settingpath: 'IndiSettings-TimeoutSeconds', newValue: '5' });
    for (const device of INDI_DEVICES) await api.ok('profile/change-value', { settingpath: `EquipmentDrivers-${device}`, newValue: 'indi' });
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await t?.close();
    await server.stop();
  });

  it('refuses indi for devices it has no driver for', async () => {
    expect(await api.fails('profile/change-value', 400, { settingpath: 'EquipmentDrivers-switch', newValue: 'indi' })).toBe('The indi driver has no switch support');
  });

  it('connects every INDI device and reports it', async () => {
    for (const device of INDI_DEVICES) {
      expect(await api.ok(`equipment/${device}/connect`)).toBe('Connected');
      const info = await api.ok(`equipment/${device}/info`);
      expect(info).toMatchObject({ Connected: true, DeviceId: expect.stringMatching(/^indi:/) });
    }
    expect(socket.events()).toEqual(expect.arrayContaining(['CAMERA-CONNECTED', 'MOUNT-CONNECTED', 'FOCUSER-CONNECTED', 'FILTERWHEEL-CONNECTED', 'DOME-CONNECTED', 'ROTATOR-CONNECTED']));
  });

  it('moves the focuser and refuses an out-of-range position', async () => {
    expect(await api.ok('equipment/focuser/move', { position: 42000 })).toBe('Move started');
    expect((await api.ok('equipment/focuser/info')).Position).toBe(42000);
    expect(await api.fails('equipment/focuser/move', 400, { position: 9_999_999 })).toMatch(/Focuser refused position/);
  });

  it('changes filters with ninaAPI 0-based ids on INDI 1-based slots', async () => {
    expect(await api.ok('equipment/filterwheel/change-filter', { filterId: 2 })).toBe('Filter changed');
    const wheel = t.app.get(EquipmentRegistry).get('filterwheel') as unknown as IndiDevice & { client: { number: (...a: string[]) => number } };
    expect(wheel['client'].number('Filter Simulator', 'FILTER_SLOT', 'FILTER_SLOT_VALUE')).toBe(3);
    expect((await api.ok('equipment/filterwheel/info')).SelectedFilter).toEqual({ Name: 'Green', Id: 2 });
  });

  it('slews in J2000 degrees by writing JNow hours to EQUATORIAL_EOD_COORD', async () => {
    await api.ok('equipment/mount/unpark');
    const mount = t.app.get(EquipmentRegistry).get('mount') as unknown as { client: { number: (...a: string[]) => number } };
    expect(await api.ok('equipment/mount/slew', { ra: 83.8221, dec: -5.3911 })).toBe('Started Slew');
    const expected = j2000ToJNow(83.8221, -5.3911, new Date());
    const target = await until(
      async () => mount.client.number('Telescope Simulator', 'TARGET_EOD_COORD', 'RA'),
      (ra) => Math.abs(ra - expected.raDeg / 15) < 1e-3,
    );
    expect(target).toBeCloseTo(expected.raDeg / 15, 3);
    expect(mount.client.number('Telescope Simulator', 'TARGET_EOD_COORD', 'DEC')).toBeCloseTo(expected.decDeg, 2);
    expect((await api.ok('equipment/mount/info')).Coordinates.Epoch).toBe('JNOW');
  });

  it('captures through the CCD simulator: the FITS BLOB becomes a saved image', async () => {
    const result = await api.ok('equipment/camera/capture', { duration: 0.5, imageType: 'LIGHT', targetName: 'INDI', waitForResult: true, omitImage: true });
    expect(result).toEqual({});
    const [entry] = await api.ok('image-history');
    expect(entry).toMatchObject({ TargetName: 'INDI', ExposureTime: 0.5, CameraName: 'CCD Simulator' });
    const fits = decodeFits(await readFile(join(t.config.dataDir, 'files', entry.Filename)));
    expect([fits.width, fits.height]).toEqual([1280, 1024]);
    expect(socket.events()).toContain('IMAGE-SAVE');
  });

  it('times out on a property that never answers instead of hanging', async () => {
    const focuser = t.app.get(EquipmentRegistry).get('focuser') as unknown as { client: { sendNew: (...a: unknown[]) => void; waitFor: (...a: unknown[]) => Promise<unknown> } };
    focuser.client.sendNew('Number', 'Focuser Simulator', 'NO_SUCH_PROPERTY', { VALUE: 1 });
    await expect(focuser.client.waitFor('Focuser Simulator', 'NO_SUCH_PROPERTY', () => true, 0.5)).rejects.toBeInstanceOf(IndiTimeoutError);
  });

  it('reports disconnected and answers 409 when indiserver dies, and reconnects when it returns', async () => {
    await server.kill();
    const down = await until(() => api.ok('equipment/focuser/info'), (i) => i.Connected === false);
    expect(down.Connected).toBe(false);
    expect(await api.fails('equipment/focuser/move', 409, { position: 1000 })).toBe('Focuser not connected');
    expect(socket.events()).toContain('FOCUSER-DISCONNECTED');
    await server.start();
    const back = await until(() => api.ok('equipment/focuser/info'), (i) => i.Connected === true);
    expect(back.Connected).toBe(true);
    expect(socket.events().filter((e) => e === 'FOCUSER-CONNECTED')).toHaveLength(2);
    expect(await api.ok('equipment/focuser/move', { position: 30000 })).toBe('Move started');
  }, 60_000);
});
