import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cachedRoot: string | null | undefined;
let cachedVersion: string | undefined;

/** Skygate's own folder (the one whose package.json is named skygate), found by walking up from this file (works from src and dist). */
export function findPackageRoot(): string | undefined {
  if (cachedRoot !== undefined) return cachedRoot ?? undefined;
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'skygate') {
        cachedVersion = pkg.version;
        return (cachedRoot = dir);
      }
    }
    const parent = dirname(dir);
    if (parent === dir) {
      cachedRoot = null;
      return undefined;
    }
    dir = parent;
  }
}

/** The version in Skygate's package.json. */
export function readPackageVersion(): string {
  if (cachedVersion) return cachedVersion;
  findPackageRoot();
  return (cachedVersion ??= '0.0.0');
}
