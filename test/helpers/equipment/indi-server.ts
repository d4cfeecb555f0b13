import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INDI_SIMULATORS = [
  'indi_simulator_telescope',
  'indi_simulator_ccd',
  'indi_simulator_focus',
  'indi_simulator_wheel',
  'indi_simulator_dome',
  'indi_simulator_rotator',
  'indi_simulator_guide',
  'indi_simulator_lightpanel',
  'indi_simulator_weather',
];

const FAKE_GSC_DIR = join(__dirname, '../../integration/bin');

/** indiserver with Debian's simulators, HOME in a throwaway folder (drivers write ~/.indi). Run only inside indi-namespace.sh. */
export class IndiServer {
  private process: ChildProcess | null = null;
  private home = '';

  /** `remotes`: devices of other INDI servers chained in as `"Device@host:port"` (indiserver's syntax). */
  constructor(
    readonly port: number,
    private readonly remotes: string[] = [],
  ) {}

  async start(): Promise<void> {
    this.home ||= await mkdtemp(join(tmpdir(), 'skygate-indi-'));
    this.process = spawn('indiserver', ['-p', String(this.port), '-u', join(this.home, 'indiserver.sock'), ...INDI_SIMULATORS, ...this.remotes], {
      // test/integration/bin/gsc stands in for the star catalogue the simulators draw stars from.
      env: { ...process.env, HOME: this.home, PATH: `${FAKE_GSC_DIR}:${process.env.PATH ?? ''}` },
      stdio: 'ignore',
    });
    for (let i = 0; i < 200; i++) {
      if (await canConnect(this.port)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('indiserver did not open its port');
  }

  async kill(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    await this.kill();
    if (this.home) await rm(this.home, { recursive: true, force: true });
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
  });
}
