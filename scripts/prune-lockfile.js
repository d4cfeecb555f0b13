#!/usr/bin/env node
// The registry these machines reach serves only some platforms' prebuilt binaries (e.g. no
// @swc/core-darwin-*). `npm install` then writes lock entries whose optionalDependencies name
// packages the lock does not contain, and `npm ci` refuses the lock as out of sync. This drops
// those dangling optional names. Run it after every `npm install` that changes the lock:
//   npm install <pkg> && npm run lock:prune
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const file = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const present = new Set(Object.keys(lock.packages).map((path) => path.replace(/^.*node_modules\//, '')));
let removed = 0;
for (const entry of Object.values(lock.packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!present.has(name)) {
      delete entry.optionalDependencies[name];
      removed++;
    }
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: removed ${removed} optional dependency name(s) the registry does not serve`);
