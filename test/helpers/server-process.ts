import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The built programs (dist/), as `npm start` and `skygate-cli` run them; `npm test` builds first.
const root = join(__dirname, '../..');
export const serverMain = join(root, 'dist/apps/skygate/src/main.js');
export const cliMain = join(root, 'dist/apps/skygate-cli/src/main.js');

/**
 * A free port for a server a test spawns, taken below the kernel's ephemeral range. A port from
 * listen(0) is one the kernel hands out again soon (5,000 listen(0)s here gave 1,892 distinct ports),
 * so another Jest worker's in-process app, listening on 0 while the child still boots, could take
 * it: the child then dies of EADDRINUSE and /health is answered by that other Skygate (a CI run
 * failed so, with ECONNREFUSED once the other app stopped). Each Jest worker draws from its own block.
 */
export async function freePort(): Promise<number> {
  const base = ephemeralRangeStart() - PORT_BLOCKS * PORT_BLOCK;
  if (!(base >= 1024)) return kernelPort();
  const block = Number(process.env.JEST_WORKER_ID ?? 0) % PORT_BLOCKS;
  for (let tries = 0; tries < PORT_BLOCK; tries++) {
    const port = base + block * PORT_BLOCK + (portCursor++ % PORT_BLOCK);
    if (await canListen(port)) return port;
  }
  return kernelPort();
}

const PORT_BLOCKS = 8;
const PORT_BLOCK = 1000;
let portCursor = process.pid % PORT_BLOCK;

/** Linux's; NaN elsewhere (then the kernel picks, as before). */
function ephemeralRangeStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return NaN;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function kernelPort(): Promise<number> {
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

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  /** True while the process runs. */
  alive(): boolean;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

/** Starts `node dist/apps/skygate/src/main.js` with `env` and waits (up to 2 minutes) until /health answers ok. */
export async function startServerProcess(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [serverMain], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  let stopping = false;
  // A server that ends on its own fails the test that started it with a bare ECONNREFUSED; say why it ended.
  child.once('exit', (code, signal) => {
    const sentByTest = signal === 'SIGKILL' || signal === 'SIGTERM';
    if (!stopping && !sentByTest) console.error(`server on port ${port} (pid ${child.pid}) ended by itself: code ${code}, signal ${signal}\n${stderr.slice(-4000)}`);
  });
  const stop = async () => {
    stopping = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  for (let i = 0; i < 480; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    // Checked after the answer too: a child that could not bind has not answered it.
    if (ok && alive()) return { url, port, child, stderr: () => stderr, alive, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`server did not answer /health within 2 minutes: ${stderr}`);
}

/** Runs `node dist/apps/skygate-cli/src/main.js ...args`, with `input` on standard input; throws on a non-zero status. */
export function runCli(env: NodeJS.ProcessEnv, args: string[], input = ''): string {
  const result = spawnSync(process.execPath, [cliMain, ...args], { env, input, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`skygate-cli ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** Runs `skygate-cli users <args>` on a data folder's embedded database (before the server starts: it has one owner). */
export function cliUsers(dataDir: string, args: string[], input?: string): string {
  return runCli(processEnv(dataDir), ['users', ...args], input);
}
