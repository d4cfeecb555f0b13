import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliMain, freePort, serverMain } from '../helpers/server-process';
import { integrationDatabaseUrl } from '../helpers/test-database';

// These run the built programs (dist/), as `npm start` and `skygate-cli` do; `npm test` builds first.

describe('skygate server process', () => {
  it('exits with status 78 and names the variable when PORT is not a port', () => {
    const result = spawnSync(process.execPath, [serverMain], { env: { ...process.env, PORT: 'abc' }, encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT: got "abc"; allowed: an integer 1-65535');
  });

  it('starts, answers /health on the configured address, and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'skygate-proc-'));
    const port = await freePort();
    const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: integrationDatabaseUrl ?? '' };
    if (!integrationDatabaseUrl) delete (env as Record<string, string>).DATABASE_URL;
    const child = spawn(process.execPath, [serverMain], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      let health: { status?: string } | undefined;
      for (let i = 0; i < 480 && !health; i++) { // up to 2 minutes on a busy machine
        await new Promise((r) => setTimeout(r, 250));
        health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.json() as Promise<{ status?: string }>, () => undefined);
      }
      expect(stderr).toBe('');
      expect(health?.status).toBe('ok');
      const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
      child.kill('SIGTERM');
      // Nest closes the app (database, server) and then re-raises the signal, as systemd expects.
      const { code, signal } = await exited;
      expect(code === 0 || signal === 'SIGTERM').toBe(true);
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('skygate-cli', () => {
  it('migrate brings the configured database up to date and is idempotent', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'skygate-cli-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
      if (integrationDatabaseUrl) env.DATABASE_URL = integrationDatabaseUrl;
      else delete env.DATABASE_URL;
      const first = spawnSync(process.execPath, [cliMain, 'migrate'], { env, encoding: 'utf8', timeout: 60_000 });
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      const second = spawnSync(process.execPath, [cliMain, 'migrate'], { env, encoding: 'utf8', timeout: 60_000 });
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('schema is up to date');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a bad configuration with status 78', () => {
    const result = spawnSync(process.execPath, [cliMain, 'migrate'], { env: { ...process.env, DATABASE_URL: 'mysql://nope' }, encoding: 'utf8' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('DATABASE_URL: got "mysql://nope"');
  });
});

describe('skygate-cli users', () => {
  it('adds a user with the password from standard input, makes a key, lists and revokes it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'skygate-cli-users-'));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    // On PostgreSQL the CLI shares the server's database; here each run gets its own embedded one.
    delete env.DATABASE_URL;
    const cli = (args: string[], input?: string) => spawnSync(process.execPath, [cliMain, 'users', ...args], { env, input, encoding: 'utf8', timeout: 60_000 });
    try {
      const added = cli(['add', 'ada', '--role', 'operator', '--email', 'ada@example.org'], 'a-long-password\n');
      expect(added.stderr).toBe('');
      expect(added.stdout).toMatch(/^added ada \(id [0-9a-f-]{36}, roles operator\)/);
      expect(cli(['add', 'ada'], 'another-password\n').stderr).toContain('username "ada" already exists');
      expect(cli(['add', 'bob'], 'short\n').stderr).toContain('password must have at least 8 characters');

      const generated = cli(['genapikey', 'ada', '--scope', 'upload', '--signing', '--name', 'camera']);
      expect(generated.status).toBe(0);
      const key = generated.stdout.trim().split('\n').pop()!;
      expect(key).toMatch(/^sg_[A-Za-z0-9_-]{43}$/);
      expect(generated.stdout).toContain('scope upload, signing');

      const listed = cli(['list']);
      expect(listed.stdout).toMatch(/ada\ttrue\tfalse\toperator\t-\tada@example.org/);

      expect(cli(['revoke', 'ada', key.slice(0, 9)]).stdout).toMatch(/^revoked API key [0-9a-f-]{36} of ada/);
      expect(cli(['setadmin', 'ada']).stdout).toContain('ada: admin = true');
      expect(cli(['passwd', 'ada'], 'yet-another-password\n').stdout).toContain('password of ada changed');
      expect(cli(['delete', 'ada']).stdout).toContain('deleted ada');
      expect(cli(['delete', 'ada']).stderr).toContain('no user named "ada"');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 300_000); // eleven CLI processes, each opening the embedded database
});
