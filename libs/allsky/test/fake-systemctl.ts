import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A fake `systemctl` put first on PATH: it appends its arguments to calls.log, keeps the unit's
 * state in a file (start/restart → active, stop → inactive, `is-active` prints it and exits 3
 * unless active), and fails with a message on stderr while `failWith()` is in force.
 */
export interface FakeSystemctl {
  dir: string;
  calls(): Promise<string[]>;
  failWith(message: string | null): Promise<void>;
  setState(state: string): Promise<void>;
  /** Takes it off PATH and removes its folder. */
  remove(): Promise<void>;
}

const SCRIPT = `#!/bin/sh
dir="$(dirname "$0")"
printf '%s\\n' "$*" >> "$dir/calls.log"
if [ "$1" = "is-active" ]; then
  state=$(cat "$dir/state" 2>/dev/null || echo inactive)
  echo "$state"
  [ "$state" = active ] && exit 0
  exit 3
fi
if [ -f "$dir/fail" ]; then
  cat "$dir/fail" >&2
  exit 1
fi
case "$2" in
  start|restart) echo active > "$dir/state" ;;
  stop) echo inactive > "$dir/state" ;;
esac
exit 0
`;

export async function installFakeSystemctl(): Promise<FakeSystemctl> {
  const dir = await mkdtemp(join(tmpdir(), 'skygate-systemctl-'));
  await writeFile(join(dir, 'systemctl'), SCRIPT);
  await chmod(join(dir, 'systemctl'), 0o755);
  const previousPath = process.env.PATH;
  process.env.PATH = `${dir}${delimiter}${previousPath ?? ''}`;
  return {
    dir,
    calls: async () => (await readFile(join(dir, 'calls.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean),
    failWith: async (message) => (message === null ? rm(join(dir, 'fail'), { force: true }) : writeFile(join(dir, 'fail'), message)),
    setState: (state) => writeFile(join(dir, 'state'), `${state}\n`),
    remove: async () => {
      process.env.PATH = previousPath;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
