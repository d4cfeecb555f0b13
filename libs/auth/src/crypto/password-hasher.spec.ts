import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  it('hashes with argon2id and checks passwords; a malformed hash is just a wrong password', async () => {
    const hasher = new PasswordHasher();
    const hash = await hasher.hash('correct horse');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await hasher.verify(hash, 'correct horse')).toBe(true);
    expect(await hasher.verify(hash, 'battery staple')).toBe(false);
    expect(await hasher.verify('not a hash', 'correct horse')).toBe(false);
    expect(await hasher.verifyNobody('anything')).toBe(false);
  });

  it('loads argon2 with the first password, not with the module (~20 ms of every start)', () => {
    // The built module in a fresh process (npm test builds first): Jest's registry is not Node's require.cache.
    const built = join(__dirname, '../../../../dist/libs/auth/src/crypto/password-hasher.js');
    const script = `
      const { PasswordHasher } = require(${JSON.stringify(built)});
      const loaded = () => Object.keys(require.cache).some((k) => k.replace(/\\\\/g, '/').includes('/node_modules/argon2/'));
      const atLoad = loaded();
      const hasher = new PasswordHasher();
      hasher.hash('pw').then((hash) => hasher.verify(hash, 'pw')).then((ok) => console.log(JSON.stringify({ atLoad, afterHash: loaded(), ok })));`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout.trim().split('\n').pop() as string)).toEqual({ atLoad: false, afterHash: true, ok: true });
  });
});
