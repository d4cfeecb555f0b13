import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Mosquitto of our own on a free port, to stop and restart without disturbing the shared one. */
export class PrivateBroker {
  private child: ChildProcess | null = null;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateBroker> {
    const broker = await PrivateBroker.configure();
    await broker.restart();
    return broker;
  }

  /** A broker's configuration and port, not yet running. */
  static async configure(): Promise<PrivateBroker> {
    const dir = await mkdtemp(join(tmpdir(), 'skygate-mosquitto-'));
    const broker = new PrivateBroker(dir, await freePort());
    await writeFile(join(dir, 'mosquitto.conf'), `listener ${broker.port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
    return broker;
  }

  async restart(): Promise<void> {
    this.child = spawn(process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto', ['-c', join(this.dir, 'mosquitto.conf')], { stdio: 'ignore' });
    const deadline = Date.now() + 5000;
    while (!(await portOpen(this.port))) {
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`private mosquitto did not start on port ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async remove(): Promise<void> {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
