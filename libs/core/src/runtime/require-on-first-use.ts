import { dirname } from 'node:path';
import Module from 'node:module';

/**
 * Makes `require(specifier)` from inside `fromPackage` answer a stand-in that loads the real module
 * the first time anything is read from or called on it. For a dependency's dependency that Skygate
 * never calls but that its user requires at load: class-validator requires libphonenumber-js's
 * phone number metadata for @IsPhoneNumber, 1.65 MiB of heap that no Skygate DTO uses. The stand-in
 * sits in Node's module cache (`require.cache` entries may be added, as its documentation says);
 * on first use it removes itself and requires the real file, so later requires get the real one.
 *
 * It forwards property reads, `in`, calls and `new`, which is all a CommonJS user does with what it
 * required; listing its keys loads nothing. Returns false, changing nothing, if the file is loaded.
 */
export function requireOnFirstUse(specifier: string, fromPackage: string): boolean {
  const file = require.resolve(specifier, { paths: [dirname(require.resolve(fromPackage))] });
  if (require.cache[file]) return false;
  let real: unknown;
  const load = (): object => {
    if (real === undefined) {
      if (require.cache[file] === standIn) delete require.cache[file];
      real = require(file) as unknown;
    }
    return real as object;
  };
  const exports = new Proxy(function standInTarget() {}, {
    get: (_target, key) => Reflect.get(load(), key) as unknown,
    has: (_target, key) => Reflect.has(load(), key),
    apply: (_target, self, args) => Reflect.apply(load() as (...a: unknown[]) => unknown, self, args) as unknown,
    construct: (_target, args) => Reflect.construct(load() as new (...a: unknown[]) => object, args) as object,
  });
  const standIn = putInModuleCache(file, exports);
  return true;
}

/**
 * Makes `exports` what `require(file)` answers from now on, as a loaded module in Node's module cache
 * (adding entries is part of `require.cache`'s documented use). Returns the cache entry.
 */
export function putInModuleCache(file: string, exports: unknown): Module {
  const entry = new Module(file);
  entry.filename = file;
  entry.loaded = true;
  entry.exports = exports;
  require.cache[file] = entry;
  return entry;
}
