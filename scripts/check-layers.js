#!/usr/bin/env node
// The layer check of DESIGN.md: imports point down the layers, another lib only through its
// index.ts, features see each other only as type-only event types, driver floors import core only.
// Reads every import form (import / import type / export ... from / import() / require /
// import x = require) with the TypeScript compiler API, so no build step is needed.
//   node scripts/check-layers.js [--root DIR] [--all-floors]
// --all-floors also applies floors that are switched off below (to list what they would flag).
// Exits 1 and prints one line per offending import: file:line, the import, the rule broken.
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { join, posix, relative, resolve, sep } = require('node:path');
const ts = require('typescript');

/** lib → layer. Imports may only point to a lower layer (or, type-only, across features). */
const LAYERS = {
  core: 1,
  auth: 2,
  gpio: 2,
  'plate-solver': 2,
  allsky: 3,
  equipment: 3,
  archive: 3,
  'sync-api': 3,
  sequencer: 4,
  daemon: 4,
  apps: 5,
};
/** Layers whose libs may import each other's event types (type-only, through index.ts). */
const TYPE_ONLY_PEERS = new Set([3, 4]);
/** Client-side code: nothing server-side imports it (tests may); it imports only other client code (the dashboard uses the sdk). */
const CLIENT_LEAVES = new Set(['sdk', 'dashboard']);
/** Folders inside a lib that may import only @app/core, npm packages and files inside the folder. */
const FLOORS = [
  // The equipment drivers' own floor (DESIGN.md layer 2): device contract, astronomy, FITS codec, image analysis.
  // The simulator renders the real sky from the plate solver's catalogue (DESIGN.md: both are drivers).
  { folder: 'libs/equipment/src/drivers', enabled: true, allow: ['plate-solver'] },
];

const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;
const TEST_FILE = /\.(spec|e2e-spec)\.ts$/;

function walk(dir, files = []) {
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, files);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** Which lib (or 'apps') a repo-relative path belongs to, and whether it is test code. */
function locate(rel) {
  const parts = rel.split('/');
  const owner = parts[0] === 'apps' ? (parts[1] === 'dashboard' ? 'dashboard' : 'apps') : parts[0] === 'libs' ? parts[1] : undefined;
  const isTest = TEST_FILE.test(rel) || (parts[0] === 'libs' && parts[2] === 'test');
  return { owner, isTest };
}

/** Every module specifier a file names, with its line and whether it only brings in types. */
function importsOf(path, text) {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const add = (node, specifier, typeOnly) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ line, specifier, typeOnly, text: node.getText(source).split('\n')[0].trim() });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : [];
      add(node, node.moduleSpecifier.text, node.isTypeOnly || (named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      add(node, node.moduleReference.expression.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) add(node, node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node, node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The lib an import reaches, and whether it goes past that lib's index.ts. */
function target(rel, specifier) {
  const app = /^@app\/([a-z0-9-]+)(\/.*)?$/.exec(specifier);
  if (app) return { lib: app[1], deep: !!app[2], path: undefined };
  if (!specifier.startsWith('.')) return undefined; // npm package or node builtin
  const path = posix.normalize(posix.join(posix.dirname(rel), specifier));
  const { owner } = locate(path);
  return { lib: owner, deep: false, path };
}

function layerName(lib) {
  return lib === 'apps' ? 'apps (5)' : `${lib} (${CLIENT_LEAVES.has(lib) ? 'client leaf' : `layer ${LAYERS[lib]}`})`;
}

/** The rule an import breaks, or undefined. */
function ruleBroken(rel, owner, imp, floors) {
  const floor = floors.find((f) => rel.startsWith(`${f.folder}/`));
  const to = target(rel, imp.specifier);
  if (floor && to) {
    const insideFloor = to.path !== undefined && to.path.startsWith(`${floor.folder}/`);
    const allowed = (to.lib === 'core' || (floor.allow ?? []).includes(to.lib)) && !to.deep;
    if (!insideFloor && !allowed) return `${floor.folder} is a floor: it may import only @app/core${(floor.allow ?? []).map((lib) => `, @app/${lib}`).join('')}, npm packages and its own files`;
  }
  if (!to) return undefined;
  if (to.path !== undefined) {
    if (/^libs\/[^/]+\/test\//.test(to.path)) return 'shipped code may not import test helpers (libs/<lib>/test/ is left out of the build)';
    if (to.lib !== owner) return `a relative import may not leave ${owner === 'apps' ? 'apps' : `libs/${owner}`}: import another lib through '@app/<lib>'`;
    return undefined;
  }
  if (!(to.lib in LAYERS) && !CLIENT_LEAVES.has(to.lib)) return `'@app/${to.lib}' is not in the layer table of scripts/check-layers.js`;
  if (to.deep) return `deep import: import another lib only through '@app/${to.lib}' (its index.ts)${to.lib === owner ? '; inside a lib use a relative path' : ''}`;
  if (to.lib === owner) return `a lib imports itself through '@app/${owner}': use a relative path`;
  if (CLIENT_LEAVES.has(to.lib)) return CLIENT_LEAVES.has(owner) ? undefined : `${to.lib} is a client library: nothing server-side imports it (only tests and the dashboard)`;
  if (CLIENT_LEAVES.has(owner)) return `${owner} is a client library: it imports no server lib`;
  const from = LAYERS[owner];
  const into = LAYERS[to.lib];
  if (into > from) return `imports point down: ${layerName(owner)} may not import ${layerName(to.lib)}`;
  if (into === from) {
    if (!TYPE_ONLY_PEERS.has(from)) return `${layerName(owner)} may not import its peer ${layerName(to.lib)}`;
    if (!imp.typeOnly) return `features import each other only as type-only event types: use 'import type' from '@app/${to.lib}'`;
  }
  return undefined;
}

function checkLayers(root, { allFloors = false } = {}) {
  const floors = FLOORS.filter((f) => f.enabled || allFloors);
  const problems = [];
  const files = [...walk(join(root, 'libs')), ...walk(join(root, 'apps'))];
  for (const file of files) {
    const rel = relative(root, file).split(sep).join('/');
    const { owner, isTest } = locate(rel);
    // Tests may reach anywhere (they set up what they test); the rules hold for shipped code.
    if (!owner || isTest) continue;
    if (!(owner in LAYERS) && !CLIENT_LEAVES.has(owner)) {
      problems.push(`${rel}:1: libs/${owner} is not in the layer table of scripts/check-layers.js`);
      continue;
    }
    for (const imp of importsOf(file, readFileSync(file, 'utf8'))) {
      const rule = ruleBroken(rel, owner, imp, floors);
      if (rule) problems.push(`${rel}:${imp.line}: ${imp.text}\n    ${rule}`);
    }
  }
  return { files: files.length, problems };
}

module.exports = { checkLayers, LAYERS, FLOORS };

if (require.main === module) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = resolve(rootAt >= 0 ? args[rootAt + 1] : join(__dirname, '..'));
  const allFloors = args.includes('--all-floors');
  const off = FLOORS.filter((f) => !f.enabled && !allFloors).map((f) => f.folder);
  const { files, problems } = checkLayers(root, { allFloors });
  for (const problem of problems) console.error(problem);
  const note = off.length ? ` (floor rule off for ${off.join(', ')}; --all-floors applies it)` : '';
  console.log(`layers: ${files} files, ${problems.length} offending import(s)${note}`);
  process.exitCode = problems.length ? 1 : 0;
}
