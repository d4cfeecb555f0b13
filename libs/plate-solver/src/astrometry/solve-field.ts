import { spawn } from 'node:child_process';
import type { PlateSolveRequest } from '../plate-solver.port';

/** Arguments of one solve-field run (solve-field --help, astrometry.net 0.93). */
export function solveFieldArguments(fitsPath: string, options: { workDir: string; backendConfig: string; downsample: number; cpuSeconds: number; request: PlateSolveRequest }): string[] {
  const { request } = options;
  const args = [
    fitsPath,
    '--fits-image',
    '--dir', options.workDir,
    '--temp-dir', options.workDir,
    '--out', 'solve',
    '--backend-config', options.backendConfig,
    '--overwrite',
    '--no-plots',
    // Only the .wcs is read: no new FITS, no star lists, no match files.
    '--new-fits', 'none',
    '--index-xyls', 'none',
    '--rdls', 'none',
    '--match', 'none',
    '--corr', 'none',
    '--solved', 'none',
    // An earlier WCS in the image must not be trusted: solve from the stars.
    '--no-verify',
    '--crpix-center',
    '--downsample', String(options.downsample),
    '--cpulimit', String(options.cpuSeconds),
  ];
  if (request.scale) {
    args.push('--scale-units', 'arcsecperpix', '--scale-low', request.scale.lowArcsecPerPixel.toFixed(4), '--scale-high', request.scale.highArcsecPerPixel.toFixed(4));
  }
  if (request.position) {
    args.push('--ra', request.position.raDeg.toFixed(6), '--dec', request.position.decDeg.toFixed(6), '--radius', request.position.radiusDeg.toFixed(4));
  }
  return args;
}

/** The engine's configuration: where the index files are, and its own CPU limit. */
export function backendConfig(indexDir: string, cpuSeconds: number): string {
  return [`cpulimit ${cpuSeconds}`, `add_path ${indexDir}`, 'autoindex', ''].join('\n');
}

export type ProcessOutcome = { kind: 'exited'; code: number | null; output: string } | { kind: 'timeout'; output: string } | { kind: 'aborted'; output: string };

const OUTPUT_LIMIT = 64 * 1024;

/**
 * Runs a command in its own process group and waits for it. On timeout or abort the whole group
 * (solve-field and the astrometry-engine it starts) is killed, and the promise settles when the
 * process has gone.
 */
export function runProcessGroup(command: string, args: string[], options: { cwd: string; timeoutMs: number; signal?: AbortSignal }): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let ending: 'timeout' | 'aborted' | undefined;
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const killGroup = (why: 'timeout' | 'aborted') => {
      ending ??= why;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group has already gone.
      }
    };
    const timer = setTimeout(() => killGroup('timeout'), options.timeoutMs);
    const onAbort = () => killGroup('aborted');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const finish = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error) => {
      finish();
      reject(error);
    });
    child.on('close', (code) => {
      finish();
      // Kill stragglers of the group that outlived solve-field itself.
      if (child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // none left
        }
      }
      resolve(ending ? { kind: ending, output } : { kind: 'exited', code, output });
    });
  });
}

/** astrometry.net's own words for why a frame did not solve. */
export function failureReason(output: string): string {
  const sources = [...output.matchAll(/found (\d+) sources/g)].at(-1)?.[1];
  const detected = sources === undefined ? '' : `; ${sources} star${sources === '1' ? '' : 's'} detected`;
  if (sources === '0' || (sources === undefined && /No pixels were marked as significant/.test(output))) {
    return 'astrometry.net found no stars in the frame (no pixels were marked as significant)';
  }
  if (/cpu ?limit|time limit/i.test(output) && !/Did not solve/.test(output)) return `astrometry.net hit its CPU time limit${detected}`;
  if (/Did not solve/.test(output)) return `astrometry.net did not solve the frame${detected}`;
  const lastLine = output.trim().split('\n').at(-1)?.trim();
  return `astrometry.net failed${lastLine ? `: ${lastLine}` : ''}`;
}
