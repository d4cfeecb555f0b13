import { constants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import { PlateSolverUnavailableError } from '../plate-solver.port';

/** What to install on Debian, named in every "cannot solve here" error. */
export const SOLVER_PACKAGE = 'astrometry.net';
export const INDEX_PACKAGES = 'astrometry-data-tycho2 (or only the scales your field needs: astrometry-data-tycho2-07, -08, -09, -10-19)';

export interface AstrometryInstallation {
  solveField: string;
  indexFiles: string[];
}

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The solve-field binary on PATH (or the given path), or null. */
export async function findExecutable(name: string, path = process.env.PATH ?? ''): Promise<string | null> {
  if (isAbsolute(name)) return (await executable(name)) ? name : null;
  for (const folder of path.split(delimiter).filter(Boolean)) {
    const candidate = join(folder, name);
    if (await executable(candidate)) return candidate;
  }
  return null;
}

/** Checks the binary and the index files before any process starts, so a missing piece fails at once with what to install. */
export async function checkInstallation(solveField: string, indexDir: string): Promise<AstrometryInstallation> {
  const binary = await findExecutable(solveField);
  if (!binary) throw new PlateSolverUnavailableError(`astrometry.net's ${solveField} is not installed: apt-get install ${SOLVER_PACKAGE} ${INDEX_PACKAGES.split(' ')[0]}`);
  let names: string[];
  try {
    names = await readdir(indexDir);
  } catch {
    throw new PlateSolverUnavailableError(`the astrometry.net index folder ${indexDir} (ASTROMETRY_INDEX_DIR) does not exist: apt-get install ${INDEX_PACKAGES}`);
  }
  const indexFiles = names.filter((name) => /^index-.*\.fits$/.test(name)).map((name) => join(indexDir, name));
  if (indexFiles.length === 0) throw new PlateSolverUnavailableError(`no astrometry.net index files (index-*.fits) in ${indexDir} (ASTROMETRY_INDEX_DIR): apt-get install ${INDEX_PACKAGES}`);
  return { solveField: binary, indexFiles };
}
