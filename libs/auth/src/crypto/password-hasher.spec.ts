import { PasswordHasher } from './password-hasher';
import { builtModule, runInFreshNode } from '../../../core/test/built-module';

const { file: built, describeBuilt } = builtModule('libs/auth/src/crypto/password-hasher.js', 'password hasher start-up');

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

  describeBuilt('at start', () => {
    it('loads argon2 with the first password, not with the module (~20 ms of every start)', () => {
      const script = `
        const { PasswordHasher } = require(${JSON.stringify(built)});
        const atLoad = loaded('/node_modules/argon2/');
        const hasher = new PasswordHasher();
        hasher.hash('pw').then((hash) => hasher.verify(hash, 'pw')).then((ok) => console.log(JSON.stringify({ atLoad, afterHash: loaded('/node_modules/argon2/'), ok })));`;
      expect(runInFreshNode(script)).toEqual({ atLoad: false, afterHash: true, ok: true });
    });
  });
});
