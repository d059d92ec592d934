#!/usr/bin/env bash
# The main job on the bundled sample backend: the inventory, then the team's plan
# as a dry run with each phase's diff. Installs what is missing first (idempotent).
# Writes nothing to the target.
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
echo "== prisma-codemod plan $target"
"$tool" plan "$target"
for phase in 1 2 3; do
  echo
  echo "== prisma-codemod diff --phase $phase $target"
  "$tool" diff --phase "$phase" "$target"
done
echo
echo "== prisma-codemod check $target (exit 1: the reads wrapped in retry that phase 1 removes)"
"$tool" check "$target" || [ $? -eq 1 ]
