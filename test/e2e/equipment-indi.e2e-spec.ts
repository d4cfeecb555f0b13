import { EquipmentRegistry } from '@app/equipment';
import { j2000ToJNow } from '@app/equipment/drivers/astro/astro';
import { IndiTimeoutError } from '@app/equipment/drivers/indi/indi-client';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { nina, openSocket, type SocketClient } from '../helpers/equipment/equipment-client';
import { until } from '../helpers/equipment/equipment-rig';
import { IndiServer } from '../helpers/equipment/indi-server';

/**
 * What only the `indi` driver has: the wire-level slew target, timeouts on silence, and the
 * server dying and coming back. (The whole equipment suite also runs on INDI: equipment.e2e-spec.ts
 * with SKYGATE_EQUIPMENT_DRIVER=indi.) Runs only inside test/integration/indi-namespace.sh
 * (indiserver binds every interface): jest.config.js leaves this file out of other runs.
 */
if (process.env.SKYGATE_INDI_NAMESPACE !== '1') {
  throw new Error('the INDI suite runs only inside test/integration/indi-namespace.sh (needs root and indi-bin)');
}

/** Not 7624: the equipment suite's indiserver may run at the same time in the same namespace. */
const PORT = 7625;
const INDI_DEVICES = ['camera', 'mount', 'focuser', 'filterwheel', 'dome', 'rotator'];

type ClientOf = { client: { number: (...a: string[]) => number; sendNew: (...a: unknown[]) => void; waitFor: (...a: unknown[]) => Promise<unknown> } };

describe('N.I.N.A. API on INDI: protocol details and a dying server', () => {
  let t: TestApp;
  let api: ReturnType<typeof nina>;
  let socket: SocketClient;
  const server = new IndiServer(PORT);
  const driverOf = (device: string) => t.app.get(EquipmentRegistry).get(device as 'mount') as unknown as ClientOf;

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

  it('connects every INDI device and reports it', async () => {
    for (const device of INDI_DEVICES) {
      expect(await api.ok(`equipment/${device}/connect`)).toBe('Connected');
      expect(await api.ok(`equipment/${device}/info`)).toMatchObject({ Connected: true, DeviceId: expect.stringMatching(/^indi:/) });
    }
    expect(socket.events()).toEqual(expect.arrayContaining(['CAMERA-CONNECTED', 'MOUNT-CONNECTED', 'FOCUSER-CONNECTED', 'FILTERWHEEL-CONNECTED', 'DOME-CONNECTED', 'ROTATOR-CONNECTED']));
  });

  it('slews in J2000 degrees by writing JNow hours to EQUATORIAL_EOD_COORD', async () => {
    const mount = driverOf('mount');
    expect(await api.ok('equipment/mount/slew', { ra: 83.8221, dec: -5.3911 })).toBe('Started Slew');
    const expected = j2000ToJNow(83.8221, -5.3911, new Date());
    const target = await until(
      async () => mount.client.number('Telescope Simulator', 'TARGET_EOD_COORD', 'RA'),
      (ra) => Math.abs(ra - expected.raDeg / 15) < 1e-3,
    );
    expect(target).toBeCloseTo(expected.raDeg / 15, 3);
    expect(mount.client.number('Telescope Simulator', 'TARGET_EOD_COORD', 'DEC')).toBeCloseTo(expected.decDeg, 2);
  });

  it('times out on a property that never answers instead of hanging', async () => {
    const focuser = driverOf('focuser');
    focuser.client.sendNew('Number', 'Focuser Simulator', 'NO_SUCH_PROPERTY', { VALUE: 1 });
    await expect(focuser.client.waitFor('Focuser Simulator', 'NO_SUCH_PROPERTY', () => true, 0.5)).rejects.toBeInstanceOf(IndiTimeoutError);
  });

  it('refuses a focuser position out of the device range with 400', async () => {
    expect(await api.fails('equipment/focuser/move', 400, { position: 9_999_999 })).toMatch(/Focuser refused position/);
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
