import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Specs about what a built module loads (dist/, which npm test builds first) run it in a fresh Node
 * process: Jest's module registry is not Node's require.cache, so only there does it show.
 */
export const repoRoot = join(__dirname, '../../..');

/** `dist/<path>`, and `describe` for it, or `describe.skip` with a clear message when it is not built. */
export function builtModule(path: string, name: string): { file: string; describeBuilt: jest.Describe } {
  const file = join(repoRoot, 'dist', path);
  if (existsSync(file)) return { file, describeBuilt: describe };
  console.warn(`skipping the ${name} spec: ${file} is missing (npm run build)`);
  return { file, describeBuilt: describe.skip };
}

/**
 * Runs `script` with `node -e` from the repository root and returns the JSON it prints last; nothing
 * may be written to stderr. The script may call `loaded(part)`: whether a file whose path holds `part`
 * is in require.cache.
 */
export function runInFreshNode<T>(script: string): T {
  const preamble = "const loaded = (part) => Object.keys(require.cache).some((k) => k.replace(/\\\\/g, '/').includes(part));\n";
  const child = spawnSync(process.execPath, ['-e', preamble + script], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout.trim().split('\n').pop() as string) as T;
}
