#!/usr/bin/env bash
# The main job on the bundled sample backend: the inventory, then the phase plan
# as dry-run diffs. Installs what is missing first (idempotent). Writes nothing
# to Fixtures/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "demo: building prisma-codemod" >&2
swift build --product prisma-codemod
tool=.build/debug/prisma-codemod
target=${1:-Fixtures/backend}

echo "== prisma-codemod inventory $target"
"$tool" inventory "$target"
echo
echo "== prisma-codemod diff localize-client $target"
"$tool" diff localize-client "$target"
