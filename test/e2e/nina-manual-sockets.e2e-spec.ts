import { ApiKeyService } from '@app/auth';
import { createUser, REMOTE } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { nina, openSocket, type SocketClient } from '../helpers/equipment/equipment-client';
import { TextSocket } from '../helpers/equipment/nina-socket-client';

const completed = JSON.stringify({ Message: 'Rotation completed' });
const rotation = (Position: number, TargetPosition: number, Rotation: number) => JSON.stringify({ Position, TargetPosition, Rotation });

/**
 * ninaAPI's networked manual filter wheel and rotator (EquipmentDrivers-* = networked) with the
 * /v2/filterwheel and /v2/rotator sockets, through the listening server and real ws clients.
 */
describe('/v2/filterwheel and /v2/rotator: networked manual devices', () => {
  let t: TestApp;
  let api: ReturnType<typeof nina>;
  let events: SocketClient;
  let viewerKey: string;
  const opened: TextSocket[] = [];
  const open = async (path: string, query = '', headers: Record<string, string> = {}) => {
    const socket = await TextSocket.open(t.app, path, query, headers);
    opened.push(socket);
    return socket;
  };
  const event = async (name: string) => {
    for (let i = 0; i < 200; i++) {
      const found = events.messages.find((m) => m.Response.Event === name);
      if (found) return found.Response;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${name} on /v2/socket; got ${events.events().join(', ')}`);
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    api = nina(t.app);
    for (const device of ['filterwheel', 'rotator']) {
      await api.ok('profile/change-value', { settingpath: `EquipmentDrivers-${device}`, newValue: 'networked' });
      await api.ok(`equipment/${device}/connect`);
    }
    events = await openSocket(t.app);
    viewerKey = (await (await createUser(t.app, 'manual-viewer', { roles: ['viewer'] })).key()).key;
  });
  afterAll(async () => {
    for (const socket of opened) socket.close();
    events?.close();
    await t.close();
  });

  it('is selected per device and described as ninaAPI describes it; other devices refuse the driver', async () => {
    const wheel = await api.ok('equipment/filterwheel/info');
    expect(wheel).toMatchObject({ Connected: true, Name: 'Networked Filter Wheel', DeviceId: 'Networked Filter Wheel', Description: 'A networked manual filter wheel', IsMoving: false });
    const profileFilters = (await api.ok('profile/show', { active: true })).FilterWheelSettings.FilterWheelFilters.map((f: { Name: string }) => f.Name);
    expect(wheel.AvailableFilters.map((f: { Name: string }) => f.Name)).toEqual(profileFilters);
    expect(wheel.SelectedFilter).toEqual({ Name: profileFilters[0], Id: 0 });
    expect(await api.ok('equipment/rotator/info')).toMatchObject({ Connected: true, Name: 'Networked Rotator', Position: 0, IsMoving: false, CanReverse: true });
    expect(await api.fails('profile/change-value', 400, { settingpath: 'EquipmentDrivers-camera', newValue: 'networked' })).toBe('The networked driver has no camera support');
  });

  it('announces a filter change, answers get-target-filter, and completes it on filter-changed', async () => {
    const names = (await api.ok('equipment/filterwheel/info')).AvailableFilters.map((f: { Name: string }) => f.Name) as string[];
    const phone = await open('/v2/filterwheel');
    expect(await phone.ask('get-target-filter')).toBe('N/A'); // also proves the phone is admitted
    const viewer = await open('/v2/filterwheel', `?api_key=${viewerKey}`);
    expect(await viewer.ask('get-target-filter')).toBe('N/A');

    // The route answers at once, as ninaAPI's: the change waits for the person at the telescope.
    expect(await api.ok('equipment/filterwheel/change-filter', { filterId: 2 })).toBe('Filter changed');
    expect(await phone.next()).toBe(names[2]);
    expect(await viewer.next()).toBe(names[2]);
    const moving = await api.ok('equipment/filterwheel/info');
    expect(moving.IsMoving).toBe(true);
    expect(moving.SelectedFilter).toBeUndefined();

    // A client connecting mid-change hears nothing until it asks.
    const late = await open('/v2/filterwheel');
    expect(await late.ask('get-target-filter')).toBe(names[2]);
    expect(late.messages).toEqual([names[2]]);

    // A viewer may listen but not confirm.
    expect(await viewer.ask('filter-changed')).toBe('Forbidden: equipment:update needed');
    expect((await api.ok('equipment/filterwheel/info')).IsMoving).toBe(true);
    expect(events.events()).not.toContain('FILTERWHEEL-CHANGED');

    phone.send('filter-changed');
    expect(await Promise.all([phone.next(), viewer.next(), late.next()])).toEqual(['Change Complete', 'Change Complete', 'Change Complete']);
    expect(await api.ok('equipment/filterwheel/info')).toMatchObject({ IsMoving: false, SelectedFilter: { Name: names[2], Id: 2 } });
    expect(await event('FILTERWHEEL-CHANGED')).toEqual({ Event: 'FILTERWHEEL-CHANGED', Previous: { Name: names[0], Id: 0 }, New: { Name: names[2], Id: 2 } });

    // Nothing pending: filter-changed gets no answer (ninaAPI's), so the next reply is get-target-filter's.
    phone.send('filter-changed');
    expect(await phone.ask('get-target-filter')).toBe('N/A');
  });

  it('ends a pending change without moving when the wheel is disconnected', async () => {
    const phone = await open('/v2/filterwheel');
    expect(await phone.ask('get-target-filter')).toBe('N/A');
    await api.ok('equipment/filterwheel/change-filter', { filterId: 1 });
    expect(await phone.next()).not.toBe('N/A');
    await api.ok('equipment/filterwheel/disconnect');
    expect(await phone.next()).toBe('Change Complete');
    await api.ok('equipment/filterwheel/connect');
    expect(await api.ok('equipment/filterwheel/info')).toMatchObject({ IsMoving: false, SelectedFilter: { Id: 2 } });
    expect(await phone.ask('get-target-filter')).toBe('N/A');
  });

  it('asks for the shortest turn, answers get-target-position, and completes on rotation-completed', async () => {
    const phone = await open('/v2/rotator');
    expect(await phone.ask('get-target-position')).toBe(JSON.stringify({ Message: 'N/A' }));
    const viewer = await open('/v2/rotator', `?api_key=${viewerKey}`);
    expect(await viewer.ask('get-target-position')).toBe(JSON.stringify({ Message: 'N/A' }));

    expect(await api.ok('equipment/rotator/move', { position: 350 })).toBe('Rotator move started');
    expect(await phone.next()).toBe(rotation(0, -10, 10));
    expect(await viewer.next()).toBe(rotation(0, -10, 10));
    expect(await api.ok('equipment/rotator/info')).toMatchObject({ Position: 0, IsMoving: true });
    expect(await phone.ask('get-target-position')).toBe(rotation(0, -10, 10));
    expect(await viewer.ask('rotation-completed')).toBe(JSON.stringify({ Message: 'Forbidden: equipment:update needed' }));
    expect((await api.ok('equipment/rotator/info')).IsMoving).toBe(true);

    phone.send('rotation-completed');
    expect(await Promise.all([phone.next(), viewer.next()])).toEqual([completed, completed]);
    expect(await api.ok('equipment/rotator/info')).toMatchObject({ Position: 350, MechanicalPosition: 350, IsMoving: false });
    expect(await event('ROTATOR-MOVED')).toEqual({ Event: 'ROTATOR-MOVED', From: 0, To: 350 });

    // Nothing pending: rotation-completed is answered to the sender only, as ninaAPI does.
    expect(await phone.ask('rotation-completed')).toBe(completed);
    expect(await phone.ask('get-target-position')).toBe(JSON.stringify({ Message: 'N/A' }));
    expect(viewer.messages).toHaveLength(4);
  });

  it('ends a rotation on stop-move or when a newer move replaces it', async () => {
    const phone = await open('/v2/rotator');
    expect(await phone.ask('get-target-position')).toBe(JSON.stringify({ Message: 'N/A' }));
    await api.ok('equipment/rotator/move-mechanical', { position: 100 });
    expect(await phone.next()).toBe(rotation(350, 460, 110));
    expect(await api.ok('equipment/rotator/stop-move')).toBe('Rotator move stopped');
    expect(await phone.next()).toBe(completed);
    expect(await api.ok('equipment/rotator/info')).toMatchObject({ Position: 350, IsMoving: false });

    await api.ok('equipment/rotator/move', { position: 10 });
    expect(await phone.next()).toBe(rotation(350, 370, 20));
    await api.ok('equipment/rotator/move', { position: 200 });
    expect([await phone.next(), await phone.next()]).toEqual([completed, rotation(350, 200, 150)]);
    phone.send('rotation-completed');
    expect(await phone.next()).toBe(completed);
    expect(await api.ok('equipment/rotator/info')).toMatchObject({ Position: 200, IsMoving: false });
  });

  it('refuses sockets without valid credentials (4401) and closes them when the credentials end', async () => {
    for (const path of ['/v2/filterwheel', '/v2/rotator']) {
      const anonymous = await TextSocket.open(t.app, path, '', REMOTE);
      expect(await anonymous.closed).toMatchObject({ code: 4401 });
      const wrong = await TextSocket.open(t.app, path, '?api_key=wrong');
      expect(await wrong.closed).toMatchObject({ code: 4401 });
      expect([...anonymous.messages, ...wrong.messages]).toEqual([]);
    }
    const operator = await createUser(t.app, 'manual-operator', { roles: ['operator'] });
    const { id, key } = await operator.key();
    const remote = await open('/v2/filterwheel', `?api_key=${key}`, REMOTE);
    expect(await remote.ask('get-target-filter')).toBe('N/A');
    await t.app.get(ApiKeyService).revoke(operator.id, id);
    expect(await remote.closed).toEqual({ code: 4401, reason: 'invalid or revoked API key' });
  });
});
