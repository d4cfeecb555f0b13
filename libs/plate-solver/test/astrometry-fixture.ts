import { accessSync, constants, readdirSync } from 'node:fs';
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
