import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'check-layers.js');
const REPO = join(__dirname, '..', '..');

function run(root: string, ...flags: string[]): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [SCRIPT, '--root', root, ...flags], { encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** A tree that obeys every rule; each case adds one file that breaks one. */
const CLEAN: Record<string, string> = {
  'libs/core/src/index.ts': "export const clock = 1;\nimport { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'libs/auth/src/index.ts': "import { clock } from '@app/core';\nexport const auth = clock;\n",
  'libs/gpio/src/index.ts': "import { clock } from '@app/core';\nexport const gpio = clock;\n",
  'libs/archive/src/index.ts': "export interface ArchiveEvent { id: string }\nexport const archive = 1;\n",
  'libs/allsky/src/index.ts': "import type { ArchiveEvent } from '@app/archive';\nimport { gpio } from '@app/gpio';\nimport { auth } from '@app/auth';\nexport type Seen = ArchiveEvent;\nexport const allsky = gpio + auth;\n",
  'libs/allsky/src/deep/inner.ts': "import { allsky } from '../index';\nexport const inner = allsky;\n",
  'libs/allsky/test/helper.ts': "import { archive } from '@app/archive';\nimport { read } from '../../core/src/index';\nexport const h = [archive, read];\n",
  'libs/allsky/src/thing.spec.ts': "import { archive } from '@app/archive/deep/path';\nexport const t = archive;\n",
  'libs/equipment/src/drivers/driver.ts': "import { clock } from '@app/core';\nimport { other } from './other';\nimport ts from 'typescript';\nexport const d = [clock, other, ts];\n",
  'libs/equipment/src/drivers/other.ts': 'export const other = 1;\n',
  'libs/equipment/src/index.ts': "export * from './drivers/driver';\n",
  'libs/sdk/src/index.ts': "import createClient from 'openapi-fetch';\nexport const sdk = createClient;\n",
  'apps/skygate/src/main.ts': "import { allsky } from '@app/allsky';\nimport { archive } from '@app/archive';\nimport { clock } from '@app/core';\nexport const app = [allsky, archive, clock];\n",
};

describe('scripts/check-layers.js', () => {
  let root: string;
  const tree = (extra: Record<string, string>) => {
    root = mkdtempSync(join(tmpdir(), 'layers-'));
    for (const [path, text] of Object.entries({ ...CLEAN, ...extra })) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('passes a tree that keeps every rule (type-only feature imports, tests, floors, apps)', () => {
    const { status, out } = run(tree({}), '--all-floors');
    expect(out).toContain('0 offending import(s)');
    expect(status).toBe(0);
  });

  const cases: Array<[string, Record<string, string>, string, string, string[]?]> = [
    ['core importing upwards', { 'libs/core/src/up.ts': "import { auth } from '@app/auth';\nexport const up = auth;\n" }, "libs/core/src/up.ts:1: import { auth } from '@app/auth';", 'imports point down: core (layer 1) may not import auth (layer 2)'],
    ['a deep import', { 'libs/allsky/src/deep.ts': "\n\nimport { gpio } from '@app/gpio/drivers/x';\nexport const x = gpio;\n" }, "libs/allsky/src/deep.ts:3: import { gpio } from '@app/gpio/drivers/x';", "deep import: import another lib only through '@app/gpio' (its index.ts)"],
    ['a feature importing a feature value', { 'libs/allsky/src/peer.ts': "import { archive } from '@app/archive';\nexport const p = archive;\n" }, "libs/allsky/src/peer.ts:1: import { archive } from '@app/archive';", "features import each other only as type-only event types: use 'import type' from '@app/archive'"],
    ['a driver lib importing auth', { 'libs/gpio/src/routes.ts': "import { auth } from '@app/auth';\nexport const r = auth;\n" }, "libs/gpio/src/routes.ts:1: import { auth } from '@app/auth';", 'gpio (layer 2) may not import its peer auth (layer 2)'],
    ['a relative import into another lib', { 'libs/allsky/src/reach.ts': "import { archive } from '../../archive/src/index';\nexport const r = archive;\n" }, "libs/allsky/src/reach.ts:1: import { archive } from '../../archive/src/index';", 'a relative import may not leave libs/allsky'],
    ['server code importing the sdk', { 'libs/archive/src/client.ts': "import { sdk } from '@app/sdk';\nexport const c = sdk;\n" }, "libs/archive/src/client.ts:1: import { sdk } from '@app/sdk';", 'sdk is a client library: nothing server-side imports it'],
    ['a lib missing from the table', { 'libs/archive/src/odd.ts': "import { x } from '@app/nowhere';\nexport const o = x;\n" }, "libs/archive/src/odd.ts:1: import { x } from '@app/nowhere';", "'@app/nowhere' is not in the layer table"],
    ['a dynamic import upwards', { 'libs/core/src/lazy.ts': "export const lazy = () => import('@app/allsky');\n" }, "libs/core/src/lazy.ts:1: import('@app/allsky')", 'imports point down: core (layer 1) may not import allsky (layer 3)'],
    ['a require upwards', { 'libs/auth/src/req.ts': "export const req = () => require('@app/archive');\n" }, "libs/auth/src/req.ts:1: require('@app/archive')", 'imports point down: auth (layer 2) may not import archive (layer 3)'],
    ['a re-export upwards', { 'libs/core/src/again.ts': "export { allsky } from '@app/allsky';\n" }, "libs/core/src/again.ts:1: export { allsky } from '@app/allsky';", 'imports point down: core (layer 1) may not import allsky (layer 3)'],
    ['shipped code importing a test helper', { 'libs/allsky/src/uses-helper.ts': "import { h } from '../test/helper';\nexport const u = h;\n" }, "libs/allsky/src/uses-helper.ts:1: import { h } from '../test/helper';", 'shipped code may not import test helpers'],
    ['a driver floor importing its own lib', { 'libs/equipment/src/drivers/up.ts': "import { x } from '../devices/types';\nexport const u = x;\n", 'libs/equipment/src/devices/types.ts': 'export const x = 1;\n' }, "libs/equipment/src/drivers/up.ts:1: import { x } from '../devices/types';", 'libs/equipment/src/drivers is a floor: it may import only @app/core, @app/plate-solver, npm packages and its own files', ['--all-floors']],
  ];

  it.each(cases)('fails on %s, naming file:line, the import and the rule', (_name, extra, where, rule, flags = []) => {
    const { status, out } = run(tree(extra), ...flags);
    expect(status).toBe(1);
    expect(out).toContain(where);
    expect(out).toContain(rule);
    expect(out).toContain('1 offending import(s)');
  });

  it('passes on the real tree', () => {
    root = mkdtempSync(join(tmpdir(), 'layers-unused-'));
    const { status, out } = run(REPO);
    expect(out).toContain('0 offending import(s)');
    expect(status).toBe(0);
  });
});
