import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../helpers/test-app';

interface Answer {
  status: number;
  retryAfter?: string;
  body: string;
}

function get(port: number, path: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body }));
    }).on('error', reject).end();
  });
}

// The bound is the embedded database's: this suite always runs on PGlite, whatever SKYGATE_TEST_DATABASE_URL says.
describe('the embedded database under a flood (DATABASE_MAX_WAITING)', () => {
  let t: TestApp;
  let port: number;
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  beforeAll(async () => {
    t = await startTestApp({ configure: { database: { kind: 'pglite', dataDir: 'memory://' }, databaseLimits: { waitSeconds: 0, maxWaiting: 4 } } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    for (let i = 0; i < 5; i++) expect((await get(port, '/datasets/', agent)).status).toBe(200);
  });
  afterAll(async () => {
    agent.destroy();
    await t.close();
  });

  it('refuses what is past the limit with 503 + Retry-After in the family shape, answers the rest, and stays responsive', async () => {
    // A long transaction holds the single session, so every request queues behind it: a flood.
    const holder = t.app.get(DataSource).createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    const answers: Answer[] = [];
    const flood = Array.from({ length: 60 }, () => get(port, '/datasets/', agent).then((a) => answers.push(a)));
    while (answers.length < 60 - 4) await new Promise((r) => setTimeout(r, 50));
    // The server answers while the database is saturated.
    expect((await get(port, '/health/live', agent)).status).toBe(200);
    // /health says why it cannot serve now: load, not a lost database.
    const health = await get(port, '/health', agent);
    expect([health.status, (JSON.parse(health.body) as { database: { reason?: string } }).database.reason]).toEqual([503, 'busy']);
    expect(answers.every((a) => a.status === 503)).toBe(true);
    await holder.commitTransaction();
    await holder.release();
    await Promise.all(flood);

    const refused = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status === 200);
    expect(served.length).toBe(4);
    expect(refused.length).toBe(56);
    for (const a of refused) {
      expect(a.retryAfter).toBe('1');
      // /datasets/ is Arcsecond's: its errors are {detail}.
      expect(JSON.parse(a.body)).toEqual({ detail: 'The database is busy; try again shortly.' });
    }

    // After the flood, everything is served again.
    expect((await get(port, '/datasets/', agent)).status).toBe(200);
    expect((await get(port, '/health', agent)).status).toBe(200);
  });
});
