import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execFileSync } from 'node:child_process';

/** Debian's index folder, where the specs and the benchmark look for the Tycho-2 index files. */
export const DEBIAN_INDEX_DIR = '/usr/share/astrometry';

/** Why the real-astrometry specs cannot run here, or null when solve-field and index files are installed. */
export function astrometryMissing(indexDir = DEBIAN_INDEX_DIR): string | null {
  const onPath = (process.env.PATH ?? '').split(delimiter).some((folder) => {
    try {
      accessSync(join(folder, 'solve-field'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!onPath) return 'solve-field is not installed (apt-get install astrometry.net astrometry-data-tycho2-07)';
  try {
    if (readdirSync(indexDir).some((name) => /^index-.*\.fits$/.test(name))) return null;
  } catch {
    // reported below
  }
  return `no index files in ${indexDir} (apt-get install astrometry-data-tycho2-07)`;
}

/** Command lines of live processes matching an extended regular expression (pgrep -f). */
export function processesMatching(pattern: string): string[] {
  try {
    return execFileSync('pgrep', ['-a', '-f', '--', pattern], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/**
 * Like processesMatching, without the ones whose parent matches too: a process forked by
 * solve-field keeps its parent's command line until it execs its helper, so for an instant one
 * solve shows twice (a flaky count of 3 on 2 cores, seen in CI).
 */
export function topLevelProcessesMatching(pattern: string): string[] {
  const found = processesMatching(pattern).map((line) => ({ pid: line.split(' ', 1)[0], line }));
  const pids = new Set(found.map((p) => p.pid));
  const parent = (pid: string) => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1];
    } catch {
      return undefined; // ended since pgrep saw it
    }
  };
  return found.filter((p) => !pids.has(parent(p.pid) ?? '')).map((p) => p.line);
}
