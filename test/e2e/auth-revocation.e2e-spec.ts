import { WebSocket } from 'ws';
import { createTestDatabase, integrationDatabaseUrl, type TestDatabase } from '../helpers/test-database';
import { runCli, startServerProcess, type ServerProcess } from '../helpers/server-process';

/** Changes made by the CLI must reach the running server within this, however long its cache lifetime. */
const BOUND_MS = 5_000;

async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await probe()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within ${ms} ms`);
}

function openSocket(url: string): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(url);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  return new Promise((resolve, reject) => {
    ws.once('message', () => resolve({ ws, closed })); // /allsky/events greets; NINA sockets are opened below with a different wait
    ws.once('open', () => (url.includes('/v2/') ? resolve({ ws, closed }) : undefined));
    ws.once('error', reject);
  });
}

// Two processes share one database only on PostgreSQL (PGlite is single-process, locked by PID).
const onPostgres = integrationDatabaseUrl ? describe : describe.skip;

onPostgres('revocation across processes: the CLI beside a running server (PostgreSQL; needs SKYGATE_TEST_DATABASE_URL)', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let env: NodeJS.ProcessEnv;
  const password = 'first-password-1';

  beforeAll(async () => {
    db = await createTestDatabase();
    if (db.config.kind !== 'postgres') throw new Error('expected PostgreSQL');
    env = {
      ...process.env,
      DATABASE_URL: db.config.url,
      DATA_DIR: `/tmp/skygate-revocation-${process.pid}`,
      JWT_SECRET: 'revocation-test-secret-of-at-least-32-characters',
      AUTH_TRUST_LOOPBACK: 'false',
      // An hour: only the change notifications can make the server notice within BOUND_MS.
      AUTH_CACHE_TTL_SECONDS: '3600',
      LOG_LEVEL: 'warn',
    };
    server = await startServerProcess(env);
    runCli(env, ['users', 'add', 'alice', '--admin'], `${password}\n`);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  // A kept-alive connection the server closes while idle can fail one request: ask again on a fresh one.
  const get = (path: string, headers: Record<string, string>): Promise<number> =>
    fetch(`${server.url}${path}`, { headers }).then(
      (r) => r.status,
      () => fetch(`${server.url}${path}`, { headers }).then((r) => r.status),
    );
  const login = async (pass: string) => {
    const res = await fetch(`${server.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: pass }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  };

  it('`users revoke` refuses the key and closes its sockets within the bound', async () => {
    const key = runCli(env, ['users', 'genapikey', 'alice', '--name', 'dashboard']).trim().split('\n').pop()!;
    expect(await get('/users', { 'X-API-KEY': key })).toBe(200); // now cached in the server
    const socket = await openSocket(`${server.url.replace('http', 'ws')}/allsky/events?api_key=${key}`);
    runCli(env, ['users', 'revoke', 'alice', key.slice(0, 9)]);
    await within(BOUND_MS, async () => (await get('/users', { 'X-API-KEY': key })) === 401);
    expect(await socket.closed).toEqual({ code: 4401, reason: 'invalid or revoked API key' });
  }, 120_000);

  it('`users passwd` ends the old token within the bound', async () => {
    const token = await login(password);
    expect(await get('/users', { Authorization: `Bearer ${token}` })).toBe(200);
    await new Promise((r) => setTimeout(r, 1100)); // tokens carry whole seconds: issued strictly before the change
    runCli(env, ['users', 'passwd', 'alice'], 'second-password-2\n');
    await within(BOUND_MS, async () => (await get('/users', { Authorization: `Bearer ${token}` })) === 401);
  }, 120_000);

  it('`users setinactive` refuses the token and closes the /v2/socket of the user within the bound', async () => {
    const token = await login('second-password-2');
    expect(await get('/users', { Authorization: `Bearer ${token}` })).toBe(200);
    const socket = await openSocket(`${server.url.replace('http', 'ws')}/v2/socket?token=${token}`);
    runCli(env, ['users', 'setinactive', 'alice']);
    await within(BOUND_MS, async () => (await get('/users', { Authorization: `Bearer ${token}` })) === 401);
    expect(await socket.closed).toEqual({ code: 4401, reason: 'token is no longer valid; log in again' });
  }, 120_000);
});
