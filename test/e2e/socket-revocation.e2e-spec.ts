import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { WebSocket } from 'ws';
import { SocketAuthenticator } from '@app/auth';
import { createUser, type TestUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

type Closed = { code: number; reason: string };

/** Opens a socket and resolves once the server admitted it (the authenticator tracks one more socket). */
async function admitted(t: TestApp, path: string): Promise<{ ws: WebSocket; closed: Promise<Closed> }> {
  const tracker = t.app.get(SocketAuthenticator);
  const before = tracker.openCount;
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  const closed = new Promise<Closed>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  for (let i = 0; i < 100 && tracker.openCount === before; i++) await new Promise((r) => setTimeout(r, 20));
  expect(tracker.openCount).toBe(before + 1);
  return { ws, closed };
}

describe('open websockets end with their credentials and permissions', () => {
  let t: TestApp;
  let admin: TestUser;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp({ configure: { auth: { trustLoopback: false } } });
    await t.app.listen(0, '127.0.0.1');
    admin = await createUser(t.app, 'root', { admin: true });
  });
  afterAll(() => t.close());

  it('a deactivated operator: /v2/mount closes with 4401 and its moves stop being accepted', async () => {
    const operator = await createUser(t.app, 'mover', { roles: ['operator'] });
    const socket = await admitted(t, `/v2/mount?token=${operator.token}`);
    await http().patch(`/users/${operator.id}`).set('Authorization', `Bearer ${admin.token}`).send({ isActive: false }).expect(200);
    expect(await socket.closed).toEqual({ code: 4401, reason: 'token is no longer valid; log in again' });
  });

  it('a role taken away: /v2/tppa closes with 4403, /v2/socket of the same user stays (it only reads)', async () => {
    const operator = await createUser(t.app, 'aligner', { roles: ['operator'] });
    const tppa = await admitted(t, `/v2/tppa?token=${operator.token}`);
    const events = await admitted(t, `/v2/socket?token=${operator.token}`);
    await http().put(`/users/${operator.id}/roles`).set('Authorization', `Bearer ${admin.token}`).send({ roles: ['viewer'] }).expect(200);
    expect(await tppa.closed).toEqual({ code: 4403, reason: 'missing permission equipment:update' });
    expect(events.ws.readyState).toBe(WebSocket.OPEN);
    await http().put(`/users/${operator.id}/roles`).set('Authorization', `Bearer ${admin.token}`).send({ roles: [] }).expect(200);
    expect(await events.closed).toEqual({ code: 4403, reason: 'missing permission equipment:read' });
  });

  it('a revoked key: /allsky/events closes with 4401', async () => {
    const viewer = await createUser(t.app, 'watcher', { roles: ['viewer'] });
    const { id, key } = await viewer.key();
    const socket = await admitted(t, `/allsky/events?api_key=${key}`);
    await http().delete(`/users/${viewer.id}/api-keys/${id}`).set('Authorization', `Bearer ${admin.token}`).expect(200);
    expect(await socket.closed).toEqual({ code: 4401, reason: 'invalid or revoked API key' });
  });

  it('a role edited: /allsky/events closes with 4403 once no readable resource is left', async () => {
    await http().post('/roles').set('Authorization', `Bearer ${admin.token}`).send({ name: 'gpio-watch', permissions: { gpio: ['read'] } }).expect(201);
    const watcher = await createUser(t.app, 'pins', { roles: ['gpio-watch'] });
    const socket = await admitted(t, `/allsky/events?token=${watcher.token}`);
    await http().patch('/roles/gpio-watch').set('Authorization', `Bearer ${admin.token}`).send({ permissions: { archive: ['read'] } }).expect(200);
    expect(await socket.closed).toEqual({ code: 4403, reason: 'missing permission gpio|allsky|focuser|sync:read' });
  });
});

describe('a websocket opened with a login token closes when the token expires', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ configure: { auth: { trustLoopback: false, jwtTtlSeconds: 2 } } });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it('closes /v2/socket with 4401 at expiry', async () => {
    const viewer = await createUser(t.app, 'brief', { roles: ['viewer'] });
    const socket = await admitted(t, `/v2/socket?token=${viewer.token}`);
    expect(await socket.closed).toEqual({ code: 4401, reason: 'token expired; log in again' });
  });
});
