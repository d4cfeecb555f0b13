import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import request from 'supertest';
import { Client } from 'pg';
import { freePort } from '../helpers/server-process';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { integrationDatabaseUrl } from '../helpers/test-database';

// Its own file: nestjs-pino keeps the first app of a process as the logger of out-of-request
// lines, so the start-up log is only this app's when it is the first app in the worker.

/** A TCP forwarder to PostgreSQL that drops the first `refuse` connections (a database still booting), then forwards. */
async function lateProxy(target: URL, refuse: number): Promise<{ port: number; refused(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let refused = 0;
  const server: Server = createServer((client) => {
    client.on('error', () => undefined);
    if (refused < refuse) {
      refused++;
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined).on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    refused: () => refused,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const postgresUrl = integrationDatabaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('start-up waits for a PostgreSQL that is not there yet (DATABASE_WAIT_SECONDS)', () => {
  let databaseName: string;
  let admin: Client;
  let reachable = true;
  beforeAll(async () => {
    admin = new Client({ connectionString: postgresUrl });
    await admin.connect().catch(() => (reachable = false));
    if (!reachable) {
      console.warn(`PostgreSQL at ${postgresUrl} is not reachable: the start-up wait cannot be tested here`);
      return;
    }
    databaseName = `skygate_wait_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${databaseName}`);
  });
  afterAll(async () => {
    if (!reachable) return;
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  });

  const urlThrough = (port: number) => {
    const url = new URL(postgresUrl);
    url.host = `127.0.0.1:${port}`;
    url.pathname = `/${databaseName}`;
    return url.toString();
  };

  it('starts once the database answers (after three dropped connections), logging each failed attempt as JSON', async () => {
    if (!reachable) return;
    const proxy = await lateProxy(new URL(postgresUrl), 3);
    let t: TestApp | undefined;
    try {
      t = await startTestApp({ configure: { database: { kind: 'postgres', url: urlThrough(proxy.port) }, databaseLimits: { waitSeconds: 30 } } });
      expect(proxy.refused()).toBe(3);
      await request(t.app.getHttpServer()).get('/health').expect(200);
      const attempts = t.logs.map((l) => JSON.parse(l) as { level: number; msg?: string }).filter((l) => /database not reachable \(attempt \d+\)/.test(l.msg ?? ''));
      expect(attempts.length).toBe(3);
      expect(attempts.every((l) => l.level === 40)).toBe(true);
      expect(t.logs.some((l) => (JSON.parse(l) as { msg?: string }).msg?.startsWith('database ready in'))).toBe(true);
    } finally {
      await t?.stop();
      await proxy.close();
    }
  });

  it('gives up after DATABASE_WAIT_SECONDS when the database never answers', async () => {
    if (!reachable) return;
    const port = await freePort();
    const started = Date.now();
    await expect(startTestApp({ configure: { database: { kind: 'postgres', url: urlThrough(port) }, databaseLimits: { waitSeconds: 1 } } })).rejects.toThrow(/ECONNREFUSED|connect/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });
});
