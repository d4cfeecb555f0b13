import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// scripts/build-nest-bundle.js, as `npm run build` (the pretest step) ran it on this checkout.
const root = join(__dirname, '..', '..');
const dist = join(root, 'dist');
const serverDir = join(dist, 'apps/skygate/src');
const chunkDir = join(dist, 'node_modules/.nest-bundle');

function bundledPackages(): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(join(dist, 'node_modules'))) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) names.push(...readdirSync(join(dist, 'node_modules', entry)).map((name) => `${entry}/${name}`));
    else names.push(entry);
  }
  return names.sort();
}

describe('scripts/build-nest-bundle.js (Nest compiled to CommonJS for the built server)', () => {
  it('bundles every Nest runtime package, nestjs-pino and rxjs (shared by Nest and Skygate)', () => {
    expect(bundledPackages()).toEqual(
      expect.arrayContaining(['@nestjs/common', '@nestjs/core', '@nestjs/platform-express', '@nestjs/platform-ws', '@nestjs/swagger', '@nestjs/typeorm', '@nestjs/websockets', 'nestjs-pino', 'rxjs']),
    );
  });

  it('is what the built server resolves, not the ES modules in node_modules', () => {
    for (const name of bundledPackages()) {
      expect(require.resolve(name, { paths: [serverDir] })).toBe(join(dist, 'node_modules', name, 'index.js'));
    }
  });

  it("loads the server's whole module graph with one copy of Nest and rxjs: none of node_modules/@nestjs, nestjs-pino or rxjs", () => {
    const script = `
      require('./app.module.js');
      const keys = Object.keys(require.cache);
      console.log(JSON.stringify({ count: keys.length, outside: keys.filter((k) => /node_modules\\/(@nestjs|nestjs-pino|rxjs)\\//.test(k) && !k.startsWith(${JSON.stringify(join(dist, 'node_modules'))})), bundled: keys.filter((k) => k.includes('.nest-bundle')).length }));`;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: serverDir, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } });
    expect(child.status).toBe(0);
    const seen = JSON.parse(child.stdout.trim().split('\n').pop() as string) as { count: number; outside: string[]; bundled: number };
    expect(seen.outside).toEqual([]);
    expect(seen.bundled).toBeGreaterThan(5);
    expect(seen.count).toBeGreaterThan(500);
  });

  it("makes Nest's logger timestamp formatters on first use: loading the server builds no Intl.DateTimeFormat (~8 MiB of ICU data)", () => {
    const script = `
      let made = 0;
      const Real = Intl.DateTimeFormat;
      Intl.DateTimeFormat = function (...args) { made++; return new Real(...args); };
      require('./app.module.js');
      const atLoad = made;
      const { ConsoleLogger, Logger } = require('@nestjs/common');
      const reference = () => new Real(undefined, { year: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', day: '2-digit', month: '2-digit' }).format(Date.now());
      const before = reference();
      const stamps = [new ConsoleLogger().getTimestamp(), Logger.getTimestamp()];
      const expected = [before, reference()];
      console.log(JSON.stringify({ atLoad, afterUse: made, stamps, expected }));`;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: serverDir, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } });
    expect(child.status).toBe(0);
    const seen = JSON.parse(child.stdout.trim().split('\n').pop() as string) as { atLoad: number; afterUse: number; stamps: string[]; expected: string[] };
    expect(seen.atLoad).toBe(0);
    expect(seen.afterUse).toBe(2); // one per logger module, on its first timestamp
    // The same text as Nest's eager formatter: a reference made just before or just after.
    for (const stamp of seen.stamps) expect(seen.expected).toContain(stamp);
  });

  it("keeps each moved module's own URL: every file the chunks name for import.meta.url exists", () => {
    const named: string[] = [];
    for (const chunk of readdirSync(chunkDir)) {
      const code = readFileSync(join(chunkDir, chunk), 'utf8');
      expect(code).not.toMatch(/import\.meta/);
      for (const [, file] of code.matchAll(/__skygateModuleUrl\("([^"]+)"\)/g)) named.push(file);
    }
    expect(named.length).toBeGreaterThan(0);
    for (const file of named) expect(existsSync(join(chunkDir, file))).toBe(true);
  });

  it('writes ASCII chunks without comments other than licence notices, so V8 keeps their source one byte per character', () => {
    for (const chunk of readdirSync(chunkDir)) {
      const code = readFileSync(join(chunkDir, chunk), 'utf8');
      // ASCII exactly when UTF-8 spends one byte per character.
      expect({ chunk, nonAscii: Buffer.byteLength(code, 'utf8') !== code.length }).toEqual({ chunk, nonAscii: false });
      // Nest's own JSDoc ("Decorator that marks a class as a Nest controller") is gone.
      expect(code).not.toMatch(/^\s*\/\*\*\s*$/m);
    }
  });

  it('holds one rxjs, and leaves every other package to node_modules (express, typeorm, multer are required, not copied)', () => {
    const required = new Set<string>();
    for (const chunk of readdirSync(chunkDir)) {
      for (const [, specifier] of readFileSync(join(chunkDir, chunk), 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) required.add(specifier);
    }
    expect([...required]).toEqual(expect.arrayContaining(['express', 'typeorm', 'multer']));
    expect([...required].filter((specifier) => specifier.startsWith('@nestjs/') || specifier.startsWith('rxjs'))).toEqual([]);
    const observableClasses = readdirSync(chunkDir).map((chunk) => readFileSync(join(chunkDir, chunk), 'utf8').split('function Observable(subscribe)').length - 1);
    expect(observableClasses.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
