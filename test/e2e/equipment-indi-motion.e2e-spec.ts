import { IndiClient } from '@app/equipment/drivers/indi/indi-client';
import type { IndiProperty } from '@app/equipment/drivers/indi/indi-protocol';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { nina } from '../helpers/equipment/equipment-client';
import { IndiServer } from '../helpers/equipment/indi-server';
import { NinaSocket } from '../helpers/equipment/nina-socket-client';

/**
 * /v2/mount on the INDI telescope simulator (indi-bin 1.9.9): the moves reach
 * TELESCOPE_MOTION_WE/NS with a TELESCOPE_SLEW_RATE step. Runs only inside
 * test/integration/indi-namespace.sh, like equipment-indi.e2e-spec.ts.
 */
if (process.env.SKYGATE_INDI_NAMESPACE !== '1') {
  throw new Error('the INDI suite runs only inside test/integration/indi-namespace.sh (needs root and indi-bin)');
}

const PORT = 7625;
const MOUNT = 'Telescope Simulator';

describe('/v2/mount on the INDI telescope simulator', () => {
  let t: TestApp;
  let api: ReturnType<typeof nina>;
  let socket: NinaSocket;
  const server = new IndiServer(PORT);
  // A second INDI client watches what the server does, independently of Skygate's driver.
  const observer = new IndiClient({ host: '127.0.0.1', port: PORT, timeoutSeconds: 5 });
  const seen = (name: string, matches: (p: IndiProperty) => boolean) => observer.waitFor(MOUNT, name, matches, 10);

  beforeAll(async () => {
    await server.start();
    await observer.start();
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    api = nina(t.app);
    await api.ok('profile/change-value', { settingpath: 'IndiSettings-Port', newValue: String(PORT) });
    await api.ok('profile/change-value', { settingpath: 'EquipmentDrivers-mount', newValue: 'indi' });
    expect(await api.ok('equipment/mount/connect')).toBe('Connected');
    if ((await api.ok('equipment/mount/info')).AtPark) await api.ok('equipment/mount/unpark');
    socket = await NinaSocket.open(t.app, '/v2/mount');
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    observer.close();
    await t?.close();
    await server.stop();
  });

  it('moves east at the fastest step and stops with rate 0', async () => {
    const before = await seen('EQUATORIAL_EOD_COORD', () => true);
    expect((await socket.ask({ direction: 'east', rate: 4 })).Response).toBe('Moving');
    const motion = await seen('TELESCOPE_MOTION_WE', (p) => p.values.get('MOTION_EAST') === 'On' && p.state === 'Busy');
    expect(motion.values.get('MOTION_WEST')).toBe('Off');
    const steps = [...(observer.property(MOUNT, 'TELESCOPE_SLEW_RATE')?.values ?? [])];
    expect(steps.at(-1)?.[1]).toBe('On'); // 4 °/s is the top step
    const moved = await seen('EQUATORIAL_EOD_COORD', (p) => Number(p.values.get('RA')) !== Number(before.values.get('RA')));
    expect(Number(moved.values.get('RA'))).not.toBeCloseTo(Number(before.values.get('RA')), 6);
    expect((await socket.ask({ direction: 'east', rate: 0 })).Response).toBe('Stopped Move');
    const stopped = await seen('TELESCOPE_MOTION_WE', (p) => p.values.get('MOTION_EAST') === 'Off' && p.state !== 'Busy');
    expect(stopped.values.get('MOTION_WEST')).toBe('Off');
  });

  it('moves south at a slow step', async () => {
    expect((await socket.ask({ direction: 'south', rate: 0.5 })).Response).toBe('Moving');
    await seen('TELESCOPE_MOTION_NS', (p) => p.values.get('MOTION_SOUTH') === 'On' && p.state === 'Busy');
    const steps = [...(observer.property(MOUNT, 'TELESCOPE_SLEW_RATE')?.values ?? [])];
    expect(steps[0][1]).toBe('On');
    expect((await socket.ask({ direction: 'south', rate: 0 })).Response).toBe('Stopped Move');
    await seen('TELESCOPE_MOTION_NS', (p) => p.values.get('MOTION_SOUTH') === 'Off');
  });
});
