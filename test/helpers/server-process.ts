import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

// The built programs (dist/), as `npm start` and `skygate-cli` run them; `npm test` builds first.
const root = join(__dirname, '../..');
export const serverMain = join(root, 'dist/apps/skygate/src/main.js');
export const cliMain = join(root, 'dist/apps/skygate-cli/src/main.js');

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** The environment of a server or CLI on its own data folder and embedded database. */
export function processEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

/** Runs `skygate-cli users <args>` (before the server starts: the embedded database has one owner) and returns stdout. */
export function cliUsers(dataDir: string, args: string[], input?: string): string {
  const result = spawnSync(process.execPath, [cliMain, 'users', ...args], { env: processEnv(dataDir), input, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`skygate-cli users ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** What the process wrote to stderr so far. */
  stderr(): string;
  /** True while the process runs. */
  alive(): boolean;
  stop(): Promise<void>;
}

/** Starts the built server as a child process and waits until /health/live answers. */
export async function startServerProcess(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [serverMain], { env: processEnv(dataDir, { PORT: String(port), HOST: '127.0.0.1', ...extraEnv }), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  let exited = false;
  const exit = new Promise<void>((r) => child.once('exit', () => r(void (exited = true))));
  const server: ServerProcess = {
    port,
    child,
    stderr: () => stderr,
    alive: () => !exited,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
  for (let i = 0; i < 480; i++) { // up to 2 minutes on a busy machine
    if (exited) throw new Error(`the server exited during start-up: ${stderr}`);
    const status = await fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.status, () => 0);
    if (status === 200) return server;
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`the server did not answer /health/live: ${stderr}`);
}
