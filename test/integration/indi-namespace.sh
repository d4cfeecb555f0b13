#!/usr/bin/env bash
# Runs a command inside a private network namespace that holds only loopback, so the INDI
# simulators' indiserver (which binds every interface, reference §C.1) is reachable from the
# tests on 127.0.0.1 and from nowhere else. The INDI suites start and stop indiserver themselves
# inside it (one kills it mid-session); they refuse to run when SKYGATE_INDI_NAMESPACE is unset.
#
#   SKYGATE_EQUIPMENT_DRIVER=indi test/integration/indi-namespace.sh node --experimental-vm-modules \
#     node_modules/jest/bin/jest.js --runInBand test/e2e/equipment.e2e-spec.ts test/e2e/equipment-indi.e2e-spec.ts
set -euo pipefail
if ! command -v indiserver >/dev/null 2>&1; then
  echo "indiserver not found: install Debian's indi-bin (apt-get update && apt-get install -y indi-bin)" >&2
  exit 1
fi
exec unshare --net bash -c 'ip link set lo up && SKYGATE_INDI_NAMESPACE=1 exec "$@"' indi-namespace "$@"
