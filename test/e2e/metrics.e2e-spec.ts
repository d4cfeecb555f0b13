import type { AddressInfo } from 'node:net';
import request from 'supertest';
import WebSocket from 'ws';
import { createUser, REMOTE, type TestUser } from '../helpers/auth-fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** The value of one sample line of the Prometheus text, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics (Prometheus)', () => {
  let t: TestApp;
  let admin: TestUser;
  let viewer: TestUser;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    admin = await createUser(t.app, 'metrics-admin', { admin: true });
    viewer = await createUser(t.app, 'metrics-viewer', { roles: ['viewer'] });
  });
  afterAll(() => t.close());

  const scrape = async () => (await request(t.app.getHttpServer()).get('/metrics').set(REMOTE).set('Authorization', `Bearer ${admin.token}`).expect(200)).text;

  it('needs metrics:read: anonymous remote callers get 401, a viewer 403, an admin the metrics', async () => {
    await request(t.app.getHttpServer()).get('/metrics').set(REMOTE).expect(401);
    await request(t.app.getHttpServer()).get('/metrics').set(REMOTE).set('Authorization', `Bearer ${viewer.token}`).expect(403);
    const res = await request(t.app.getHttpServer()).get('/metrics').set(REMOTE).set('Authorization', `Bearer ${admin.token}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('counts requests and their latency per wire family and status class', async () => {
    const before = sample(await scrape(), 'skygate_http_request_duration_seconds_count{family="arcsecond",status="2xx"}') ?? 0;
    for (let i = 0; i < 3; i++) await request(t.app.getHttpServer()).get('/datasets/').expect(200);
    await request(t.app.getHttpServer()).get('/datasets/not-a-uuid/').expect((r) => expect(r.status).toBeGreaterThanOrEqual(400));
    const text = await scrape();
    expect(sample(text, 'skygate_http_request_duration_seconds_count{family="arcsecond",status="2xx"}')).toBe(before + 3);
    expect(sample(text, 'skygate_http_request_duration_seconds_count{family="arcsecond",status="4xx"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'skygate_http_request_duration_seconds_sum{family="arcsecond",status="2xx"}')).toBeGreaterThan(0);
    // Refusals by the guard count too, in the route's family.
    const refusedBefore = sample(text, 'skygate_http_request_duration_seconds_count{family="arcsecond",status="4xx"}') ?? 0;
    await request(t.app.getHttpServer()).get('/datasets/').set(REMOTE).expect(401);
    expect(sample(await scrape(), 'skygate_http_request_duration_seconds_count{family="arcsecond",status="4xx"}')).toBe(refusedBefore + 1);
  });

  it('counts multipart uploads', async () => {
    const dataset = (await request(t.app.getHttpServer()).post('/datasets/').send({ name: 'metrics' }).expect(201)).body as { uuid: string };
    await request(t.app.getHttpServer()).post('/datafiles/').field('dataset', dataset.uuid).attach('file', Buffer.from('SIMPLE  =                    T'.padEnd(2880, ' ')), 'a.fits');
    expect(sample(await scrape(), 'skygate_uploads_total{family="arcsecond",status="2xx"}')).toBeGreaterThanOrEqual(1);
  });

  it('reports database pool waits, event-loop lag and websocket clients', async () => {
    const idle = await scrape();
    expect(sample(idle, 'skygate_database_pool_waiting')).toBe(0);
    expect(sample(idle, 'skygate_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    const clientsBefore = sample(idle, 'skygate_socket_clients') ?? 0;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/allsky/events`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    expect(sample(await scrape(), 'skygate_socket_clients')).toBe(clientsBefore + 1);
    ws.close();
    await new Promise((resolve) => ws.once('close', resolve));
    for (let i = 0; i < 50 && sample(await scrape(), 'skygate_socket_clients') !== clientsBefore; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sample(await scrape(), 'skygate_socket_clients')).toBe(clientsBefore);
  });
});
