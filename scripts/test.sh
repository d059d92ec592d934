#!/usr/bin/env bash
# The whole test suite. Installs what is missing first (idempotent), so it runs
# as is on a fresh clone: this is what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "test: building (debug) and running swift test" >&2
swift build --build-tests
# XCTest only: an empty Swift Testing run would otherwise close the log with "0 tests".
swift test --skip-build --disable-swift-testing "$@"
