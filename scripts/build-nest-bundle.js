#!/usr/bin/env node
// Nest 12 ships as ES modules; the built server is CommonJS and `require`s them, which on Node 20-24
// costs ~0.5 s of a start on ESM resolution and the CommonJS export lexer (bench/README.md). This
// step compiles Nest's runtime packages (and nestjs-pino, the one dependency that imports them) into
// CommonJS chunks under dist/node_modules, where Node's resolution from dist/ finds them before the
// project's node_modules. Every other package stays external and is loaded from node_modules as
// before; one copy of each Nest module exists in the process (the chunks share their modules).
//   node scripts/build-nest-bundle.js [--root DIR]
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, sep } = require('node:path');

const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? process.argv[rootArg + 1] : join(__dirname, '..');
const out = join(root, 'dist/node_modules');
const chunkDir = join(out, '.nest-bundle');

// package-lock.json's production tree (dev-only entries left out), read once: what Skygate depends
// on, each package's own dependencies, and which packages depend on each.
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages;
const own = Object.keys(lock[''].dependencies ?? {});
const entryDeps = (entry) => Object.keys({ ...entry.dependencies, ...entry.peerDependencies, ...entry.optionalDependencies });
const depsOf = (name) => entryDeps(lock[`node_modules/${name}`] ?? {});
const usedBy = new Map();
for (const [path, entry] of Object.entries(lock)) {
  if (!path || entry.dev) continue;
  const user = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  for (const dep of entryDeps(entry)) {
    if (!usedBy.has(dep)) usedBy.set(dep, new Set());
    usedBy.get(dep).add(user);
  }
}

/** The packages compiled together: Nest's runtime packages and every other dependency that imports them. */
function bundledPackages() {
  const nest = own.filter((name) => name.startsWith('@nestjs/'));
  for (const name of nest) for (const dep of depsOf(name)) if (dep.startsWith('@nestjs/') && !nest.includes(dep) && lock[`node_modules/${dep}`]) nest.push(dep);
  const importers = own.filter((name) => !name.startsWith('@nestjs/') && depsOf(name).some((dep) => dep.startsWith('@nestjs/')));
  return [...nest, ...importers];
}

/** A package that ships ES modules, which the bundler can tree-shake (a CommonJS one is left alone). */
function isEsmPackage(name) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
  } catch {
    return false; // not installed (an optional peer)
  }
  const main = manifest.exports?.['.'] ?? manifest.exports;
  return manifest.type === 'module' || Boolean(manifest.module) || (typeof main === 'object' && main !== null && 'import' in main);
}

/**
 * ES-module libraries that only the bundled packages use at run time (es-toolkit for @nestjs/swagger,
 * ...) are compiled in too, so only what Nest calls is loaded. CommonJS libraries stay external:
 * they may find files beside their own __dirname.
 */
function inlinedDependencies(bundled) {
  return [...usedBy]
    .filter(([dep, users]) => !own.includes(dep) && !bundled.includes(dep) && [...users].every((user) => bundled.includes(user)))
    .map(([dep]) => dep)
    .filter(isEsmPackage);
}

/**
 * Libraries Skygate and Nest share, compiled in and given a stub in dist/node_modules like Nest's
 * own packages, so both load the one copy: rxjs (226 files as CommonJS: ~70 ms of a start, ~25 ms
 * as one chunk). Only where nothing else in node_modules requires the library, and Nest never loads
 * it by name at run time (createRequire: class-transformer and class-validator must stay external).
 */
const SHARED_WITH_NEST = ['rxjs'];

function sharedDependencies(bundled) {
  for (const name of SHARED_WITH_NEST) {
    const others = [...(usedBy.get(name) ?? [])].filter((user) => !bundled.includes(user));
    if (!own.includes(name) || others.length) throw new Error(`nest bundle: ${name} is used by ${others.join(', ') || 'nothing of Skygate'}; it cannot be shared`);
  }
  return SHARED_WITH_NEST;
}

const nest = bundledPackages();
const packages = [...nest, ...sharedDependencies(nest)];
const inlined = inlinedDependencies(packages);
const compiledIn = [...packages, ...inlined];
const isBundled = (specifier) => compiledIn.some((name) => specifier === name || specifier.startsWith(`${name}/`));

// Defined at the top of every chunk, where `require` is still CommonJS's own (a module's own
// `const require = createRequire(...)` is renamed by the bundler).
const OWN_URL = '__skygateModuleUrl';
const LAZY_FORMATTER = '__skygateLazyFormatter';
const BANNER = [
  `const ${OWN_URL} = (file) => require('node:url').pathToFileURL(require('node:path').join(__dirname, file)).href;`,
  `const ${LAZY_FORMATTER} = (make) => { let made; return { format: (date) => (made ??= make()).format(date) }; };`,
].join('\n');

/** A chunk that is moved keeps `import.meta.url` (createRequire, file paths) pointing at the module's own file. */
function ownUrlPlugin() {
  return {
    name: 'skygate-own-url',
    transform(code, id) {
      if (!code.includes('import.meta.url')) return null;
      const rel = relative(chunkDir, id).split(sep).join('/');
      return { code: code.replaceAll('import.meta.url', `${OWN_URL}(${JSON.stringify(rel)})`), map: null };
    },
  };
}

/**
 * Nest's two loggers each build an `Intl.DateTimeFormat` for their timestamps when their module loads,
 * which maps ~8 MiB of ICU data into every Skygate process (idle RSS, Node 20 and 24), though Skygate
 * logs through pino and never prints one. Here each is made on its first `format`. Nest's source is
 * checked: the build fails if the declaration moves or the formatter is used any other way.
 */
const LAZY_TIMESTAMP_FILES = ['@nestjs/common/services/console-logger.service.js', '@nestjs/common/services/logger.service.js'];
const EAGER_FORMATTER = /const dateTimeFormatter = (new Intl\.DateTimeFormat\([^;]*\));/g;

function lazyTimestampPlugin() {
  const seen = new Set();
  return {
    name: 'skygate-lazy-timestamp',
    transform(code, id) {
      const file = LAZY_TIMESTAMP_FILES.find((name) => id.split(sep).join('/').endsWith(`node_modules/${name}`));
      if (!file) return null;
      const declarations = [...code.matchAll(EAGER_FORMATTER)].length;
      const uses = [...code.matchAll(/dateTimeFormatter\b(?!\.format\(| = new Intl)/g)].length;
      if (declarations !== 1 || uses !== 0) throw new Error(`nest bundle: ${file} no longer declares one dateTimeFormatter used only by format(); update lazyTimestampPlugin`);
      seen.add(file);
      return { code: code.replace(EAGER_FORMATTER, `const dateTimeFormatter = ${LAZY_FORMATTER}(() => $1);`), map: null };
    },
    buildEnd() {
      const missing = LAZY_TIMESTAMP_FILES.filter((file) => !seen.has(file));
      if (missing.length) throw new Error(`nest bundle: ${missing.join(', ')} not in the bundle; update lazyTimestampPlugin`);
    },
  };
}

/** Subpaths of the bundled packages that Skygate's compiled code requires (`@nestjs/common/constants`). */
function ownSubpathImports() {
  const found = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
      else if (entry.name.endsWith('.js')) {
        for (const [, specifier] of readFileSync(path, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
          if (packages.some((name) => specifier.startsWith(`${name}/`))) found.add(specifier);
        }
      }
    }
  };
  for (const dir of ['apps', 'libs']) if (existsSync(join(root, 'dist', dir))) walk(join(root, 'dist', dir));
  return [...found].sort();
}

/** Where Node's resolution from dist/ finds a bundled specifier: `pkg` → pkg/index.js, `pkg/sub` → pkg/sub.js. */
function stubFile(specifier) {
  if (packages.includes(specifier)) return join(out, specifier, 'index.js');
  return join(out, specifier.endsWith('.js') ? specifier : `${specifier}.js`);
}

const entryName = (specifier) => specifier.replaceAll('/', '__').replace(/\.js$/, '');

async function main() {
  const { rolldown } = await import('rolldown');
  const specifiers = [...packages, ...ownSubpathImports()];
  // Bare specifiers: the bundler resolves entries as it resolves imports, so each module is one module.
  const input = Object.fromEntries(specifiers.map((specifier) => [entryName(specifier), specifier]));
  rmSync(out, { recursive: true, force: true });
  const bundle = await rolldown({
    input,
    platform: 'node',
    cwd: root,
    logLevel: 'warn',
    plugins: [ownUrlPlugin(), lazyTimestampPlugin()],
    // Anything outside the bundled packages (express, typeorm, class-validator, optional Nest packages
    // that are not installed) is required from node_modules at run time, as before.
    external: (id, importer) => {
      if (id.startsWith('.') || id.startsWith('/') || id.startsWith('\0')) return false;
      if (id.startsWith('node:')) return true;
      if (!isBundled(id)) return true;
      try {
        require.resolve(id, { paths: [importer ? dirname(importer) : root] });
        return false;
      } catch {
        return true; // an optional package that is absent (@nestjs/microservices): its import fails as before
      }
    },
  });
  // Without comments (licence notices stay) and in ASCII: V8 keeps every loaded script's source in the heap, and one non-ASCII
  // character (a "—" or "✅" in a comment) stores the whole chunk as UTF-16, twice its size. The three
  // largest chunks took 2.0 MiB of an idle heap so, ~0.9 MiB after this (bench/README.md, 2026-11-30).
  await bundle.write({ dir: chunkDir, format: 'cjs', banner: BANNER, entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', sourcemap: false, comments: { legal: true, annotation: false, jsdoc: false }, charset: 'ascii' });
  await bundle.close();
  for (const name of packages) {
    mkdirSync(join(out, name), { recursive: true });
    writeFileSync(join(out, name, 'package.json'), `${JSON.stringify({ name, private: true, main: 'index.js' })}\n`);
  }
  for (const specifier of specifiers) {
    const file = stubFile(specifier);
    mkdirSync(dirname(file), { recursive: true });
    const target = relative(dirname(file), join(chunkDir, `${entryName(specifier)}.js`)).split(sep).join('/');
    writeFileSync(file, `module.exports = require(${JSON.stringify(target.startsWith('.') ? target : `./${target}`)});\n`);
  }
  if (!existsSync(chunkDir)) throw new Error('nest bundle: nothing written');
  process.stdout.write(`nest bundle: ${packages.join(', ')} (with ${inlined.join(', ')}) compiled to CommonJS in ${relative(root, out)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
