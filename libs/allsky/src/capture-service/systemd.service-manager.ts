import { execFile } from 'node:child_process';
import type { ServiceAction, ServiceManager, ServiceState } from './service-manager';
import { ServiceControlError } from './service-manager';

const STATES: ServiceState[] = ['active', 'inactive', 'failed', 'activating', 'deactivating', 'reloading'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * systemd through the `systemctl` found on PATH. `--no-ask-password` so a missing polkit rule
 * fails at once instead of waiting for a password prompt nobody answers; the exit code is checked
 * (the Allsky Server ignores it and always answers 200).
 */
export class SystemdServiceManager implements ServiceManager {
  readonly name = 'systemd' as const;

  constructor(private readonly command = 'systemctl') {}

  async control(action: ServiceAction, unit: string): Promise<void> {
    const run = await this.run(['--no-ask-password', action, unit]);
    if (run.code !== 0) {
      const detail = (run.stderr || run.stdout).trim() || `exit code ${run.code}`;
      throw new ServiceControlError(`systemctl ${action} ${unit} failed: ${detail}`);
    }
  }

  async state(unit: string): Promise<ServiceState> {
    // is-active exits non-zero for every state but active, and still prints the state.
    const run = await this.run(['is-active', unit]);
    const word = run.stdout.trim().split('\n')[0] as ServiceState;
    return STATES.includes(word) ? word : 'unknown';
  }

  private run(args: string[]): Promise<Run> {
    return new Promise((resolve) => {
      // env passed explicitly: PATH is read at call time (tests put a fake systemctl first on it).
      execFile(this.command, args, { timeout: 30_000, env: process.env }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 127) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err && typeof err.code !== 'number' ? err.message : '') });
      });
    });
  }
}
