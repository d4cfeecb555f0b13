import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'build-stamp.js');

function stamp(root: string, command: 'begin' | 'check' | 'write'): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [SCRIPT, command, '--root', root], { encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

function put(root: string, file: string, text = 'x', mtimeSecondsAgo = 60): void {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  const when = Date.now() / 1000 - mtimeSecondsAgo;
  utimesSync(path, when, when);
}

/** A built checkout: sources a minute old, then `begin` + `write` as `npm run build` does. */
function builtTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'skygate-stamp-'));
  put(root, 'package.json', '{"name":"skygate"}');
  put(root, 'apps/skygate/src/main.ts');
  put(root, 'libs/core/src/index.ts');
  expect(stamp(root, 'begin').status).toBe(0);
  expect(stamp(root, 'write').status).toBe(0);
  return root;
}

describe('scripts/build-stamp.js (npm start rebuilds only when stale)', () => {
  let root: string;
  beforeEach(() => {
    root = builtTree();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds nothing to rebuild right after a build', () => {
    expect(stamp(root, 'check')).toEqual({ status: 0, out: 'up to date\n' });
  });

  it('is stale when a source file is newer than the build', () => {
    put(root, 'libs/core/src/index.ts', 'changed', -1);
    const { status, out } = stamp(root, 'check');
    expect(status).toBe(1);
    expect(out).toContain('libs/core/src/index.ts changed after the last build');
  });

  it('is stale when a config file changed (package-lock.json after an install)', () => {
    put(root, 'package-lock.json', '{}', -1);
    expect(stamp(root, 'check').out).toContain('package-lock.json changed');
  });

  it('is stale when a source file was added or removed, even with an old mtime', () => {
    put(root, 'libs/core/src/added.ts', 'old file moved in', 3600);
    expect(stamp(root, 'check').out).toContain('added or removed');
    rmSync(join(root, 'libs/core/src/added.ts'));
    expect(stamp(root, 'check').status).toBe(0);
    rmSync(join(root, 'apps/skygate/src/main.ts'));
    expect(stamp(root, 'check').out).toContain('added or removed');
  });

  it('is stale without a stamp, and while a build that began has not finished', () => {
    expect(stamp(root, 'begin').status).toBe(0);
    expect(stamp(root, 'check').out).toContain('no build stamp');
  });

  it('counts a file saved while the build ran as changed (the stamp takes the start time)', () => {
    expect(stamp(root, 'begin').status).toBe(0);
    put(root, 'libs/core/src/index.ts', 'saved mid-build', -1);
    expect(stamp(root, 'write').status).toBe(0);
    expect(stamp(root, 'check').status).toBe(1);
  });

  it('ignores node_modules and dist', () => {
    put(root, 'libs/core/node_modules/dep/index.js', 'x', -1);
    put(root, 'dist/apps/skygate/src/main.js', 'x', -1);
    expect(stamp(root, 'check').status).toBe(0);
  });
});

describe('scripts/build-stamp.js ensure on a production install (no build tools)', () => {
  it('starts the dist it was given instead of trying to build, and refuses without one', () => {
    const root = mkdtempSync(join(tmpdir(), 'skygate-stamp-prod-'));
    try {
      put(root, 'package.json', '{"name":"skygate"}');
      put(root, 'libs/core/src/index.ts', 'newer than any build', -1);
      const ensure = () => spawnSync(process.execPath, [SCRIPT, 'ensure', '--root', root], { encoding: 'utf8' });
      const without = ensure();
      expect(without.status).toBe(1);
      expect(without.stderr).toContain('no build in dist');
      put(root, 'dist/apps/skygate/src/main.js');
      const withDist = ensure();
      expect(withDist.status).toBe(0);
      expect(withDist.stdout).toContain('starting the existing dist');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
