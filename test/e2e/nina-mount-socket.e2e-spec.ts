import { ManualClock } from '@app/core';
import { MOUNT_MOVE_WATCHDOG_MS } from '@app/equipment';
import { createUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { nina } from '../helpers/equipment/equipment-client';
import { NinaSocket } from '../helpers/equipment/nina-socket-client';

const moving = { Response: 'Moving', Error: '', StatusCode: 200, Success: true, Type: 'Socket' };
const stopped = { ...moving, Response: 'Stopped Move' };
const failure = (Error: string, StatusCode = 400) => ({ Response: '', Error, StatusCode, Success: false, Type: 'Socket' });

describe('/v2/mount: manual axis moves on the simulator', () => {
  const clock = new ManualClock(Date.now());
  let t: TestApp;
  let api: ReturnType<typeof nina>;
  let socket: NinaSocket;
  const position = async () => {
    const info = await api.ok('equipment/mount/info');
    return { ra: info.Coordinates.RADegrees as number, dec: info.Declination as number, slewing: info.Slewing as boolean };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.app.listen(0, '127.0.0.1');
    api = nina(t.app);
    socket = await NinaSocket.open(t.app, '/v2/mount');
  });
  afterAll(async () => {
    socket?.close();
    await t.close();
  });

  it('refuses moves while the mount is not connected or parked', async () => {
    expect(await socket.ask({ direction: 'east', rate: 1 })).toEqual(failure('Mount not connected'));
    await api.ok('equipment/mount/connect');
    expect(await socket.ask({ direction: 'east', rate: 1 })).toEqual(failure('Mount parked'));
    await api.ok('equipment/mount/unpark');
    expect(await api.ok('equipment/mount/slew', { ra: 100, dec: 20 })).toBe('Started Slew');
  });

  it('names what is wrong with a message', async () => {
    expect((await socket.ask('east please')).Error).toMatch(/^Invalid message: expected JSON/);
    expect(await socket.ask({ direction: 'up', rate: 1 })).toEqual(failure('Invalid direction'));
    expect(await socket.ask({ direction: 'east', rate: 'fast' })).toEqual(failure('rate must be a number (degrees per second)'));
    expect(await socket.ask({ direction: 'east', rate: 9 })).toEqual(failure('rate must be between -4 and 4'));
    expect(await position()).toMatchObject({ ra: 100, dec: 20, slewing: false });
  });

  it('moves east at the rate for as long as the client resends, then the watchdog stops it', async () => {
    expect(await socket.ask({ direction: 'east', rate: 1 })).toEqual(moving);
    expect((await position()).slewing).toBe(true);
    clock.advance(MOUNT_MOVE_WATCHDOG_MS - 500);
    expect((await position()).ra).toBeCloseTo(101.5, 9);
    expect(await socket.ask({ direction: 'East', rate: '1' })).toEqual(moving); // resent: the watchdog starts over
    clock.advance(MOUNT_MOVE_WATCHDOG_MS - 500);
    await new Promise((r) => setTimeout(r, 600)); // several watchdog rounds, none may stop it
    expect(await position()).toMatchObject({ slewing: true });
    expect(socket.messages).toHaveLength(8);
    clock.advance(600);
    expect(await socket.next()).toEqual(stopped);
    const after = await position();
    expect(after).toMatchObject({ slewing: false, dec: 20 });
    expect(after.ra).toBeCloseTo(103.6, 9);
    clock.advance(5000);
    expect((await position()).ra).toBeCloseTo(103.6, 9);
  });

  it('moves south (negative Dec) and stops at once with rate 0', async () => {
    expect(await socket.ask({ direction: 'south', rate: 2 })).toEqual(moving);
    clock.advance(1000);
    expect(await socket.ask({ direction: 'south', rate: 0 })).toEqual(stopped);
    clock.advance(1000);
    expect(await position()).toMatchObject({ dec: 18, slewing: false });
  });

  it('stops the moves of a client that goes away', async () => {
    const other = await NinaSocket.open(t.app, '/v2/mount');
    expect(await other.ask({ direction: 'west', rate: 0.5 })).toEqual(moving);
    clock.advance(1000);
    other.close();
    await other.closed;
    for (let i = 0; i < 100 && (await position()).slewing; i++) await new Promise((r) => setTimeout(r, 20));
    clock.advance(1000);
    const { ra, slewing } = await position();
    expect(slewing).toBe(false);
    expect(ra).toBeCloseTo(103.1, 9);
  });

  it('admits only callers with equipment:update, closing others with 4401/4403', async () => {
    const viewer = await createUser(t.app, 'mount-viewer', { roles: ['viewer'] });
    const refused = await NinaSocket.open(t.app, '/v2/mount', `?api_key=${(await viewer.key()).key}`);
    refused.send({ direction: 'north', rate: 1 });
    expect(await refused.closed).toEqual({ code: 4403, reason: 'missing permission equipment:update' });
    const wrong = await NinaSocket.open(t.app, '/v2/mount', '?api_key=wrong');
    expect((await wrong.closed).code).toBe(4401);
    expect(refused.messages).toEqual([]);
    expect((await position()).slewing).toBe(false);
    const operator = await createUser(t.app, 'mount-operator', { roles: ['operator'] });
    const admitted = await NinaSocket.open(t.app, '/v2/mount', `?token=${operator.token}`);
    expect(await admitted.ask({ direction: 'north', rate: 1 })).toEqual(moving);
    expect(await admitted.ask({ direction: 'north', rate: 0 })).toEqual(stopped);
    admitted.close();
  });
});
