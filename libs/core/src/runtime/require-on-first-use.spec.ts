import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The built module (npm test builds first), in a fresh process: Jest's module registry is not Node's require.cache.
const root = join(__dirname, '../../../..');
const built = join(root, 'dist/libs/core/src/runtime/require-on-first-use.js');

function run(standIn: boolean) {
  const script = `
    const { requireOnFirstUse } = require(${JSON.stringify(built)});
    const installed = ${standIn} ? [requireOnFirstUse('libphonenumber-js/max', 'class-validator'), requireOnFirstUse('libphonenumber-js/max', 'class-validator')] : [];
    const metadataLoaded = () => Object.keys(require.cache).some((k) => k.endsWith('metadata.max.json'));
    const { isPhoneNumber, IsPhoneNumber, validateSync } = require('class-validator');
    const atLoad = metadataLoaded();
    class Contact { constructor(phone) { this.phone = phone; } }
    IsPhoneNumber('CH')(Contact.prototype, 'phone');
    const checks = [isPhoneNumber('+41 44 668 18 00', 'CH'), isPhoneNumber('12', 'CH'), validateSync(new Contact('not a number')).length, validateSync(new Contact('+41446681800')).length];
    console.log(JSON.stringify({ installed, atLoad, afterUse: metadataLoaded(), checks }));`;
  const child = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as { installed: boolean[]; atLoad: boolean; afterUse: boolean; checks: unknown[] };
}

const describeBuilt = existsSync(built) ? describe : describe.skip;
if (!existsSync(built)) console.warn(`skipping the requireOnFirstUse spec: ${built} is missing (npm run build)`);

describeBuilt('requireOnFirstUse', () => {
  it('class-validator alone loads the phone number metadata with itself (what this saves)', () => {
    const seen = run(false);
    expect(seen.atLoad).toBe(true);
    expect(seen.checks).toEqual([true, false, 1, 0]);
  });

  it('leaves it out until a phone number is checked, which then answers as before', () => {
    const seen = run(true);
    expect(seen.installed).toEqual([true, false]);
    expect(seen.atLoad).toBe(false);
    expect(seen.afterUse).toBe(true);
    expect(seen.checks).toEqual([true, false, 1, 0]);
  });
});
