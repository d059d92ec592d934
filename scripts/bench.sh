#!/usr/bin/env bash
# Speed and memory side by side with ast-grep (not a test): generates a synthetic Express +
# Prisma backend of each size in SIZES (deterministic, seed SEED), then runs interleaved, RUNS
# times, a parse-only floor (C, the same tree-sitter grammar), `ast-grep scan` against
# `prisma-codemod check` (cold, then warm from its results cache), and ast-grep's two-pass unwrap + import cleanup against
# `prisma-codemod apply unwrap-reads --allow-lossy`. Every run's output is checked against the
# generator's ground truth (the wrapped reads' positions, the unwrapped tree); prints a table
# of median wall, CPU and peak memory with ratios, and exits 1 if any tool's output was wrong.
#
#   scripts/bench.sh                      # SIZES="1000 10000" RUNS=3
#   SIZES=1000 RUNS=1 scripts/bench.sh    # quick
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

say() { echo "bench: $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# GNU time measures each command's peak memory (see timed() in scripts/bench/run.py).
if [ ! -x /usr/bin/time ]; then
  say "installing GNU time with apt-get"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/prisma-codemod"

# ast-grep from its PyPI wheel (the binary inside), pinned by version and sha256.
AST_GREP_VERSION="0.51.1"
AST_GREP_WHEEL="ast_grep_cli-$AST_GREP_VERSION-py3-none-manylinux_2_28_x86_64.whl"
AST_GREP_SHA256="f924a19765482f2ec8ce5450b053510b8fb609da4b57d19e332ad7b02584587b"
AST_GREP_DIR="$CACHE_DIR/ast-grep-cli-$AST_GREP_VERSION"
ast_grep="$AST_GREP_DIR/bin/ast-grep"
if [ -x "$ast_grep" ]; then
  say "ast-grep $AST_GREP_VERSION already in $AST_GREP_DIR"
else
  if [ "$(uname -m)" != "x86_64" ]; then
    say "the pinned ast-grep wheel is for x86_64 Linux; this is $(uname -m)"
    exit 1
  fi
  if ! { [ -f "$CACHE_DIR/$AST_GREP_WHEEL" ] && echo "$AST_GREP_SHA256  $CACHE_DIR/$AST_GREP_WHEEL" | sha256sum --check --status; }; then
    say "downloading ast-grep-cli==$AST_GREP_VERSION from PyPI"
    mkdir -p "$CACHE_DIR"
    python3 -m pip download --quiet --no-deps "ast-grep-cli==$AST_GREP_VERSION" -d "$CACHE_DIR"
    if ! echo "$AST_GREP_SHA256  $CACHE_DIR/$AST_GREP_WHEEL" | sha256sum --check --status; then
      say "sha256 mismatch for $CACHE_DIR/$AST_GREP_WHEEL; refusing to use it"
      exit 1
    fi
  fi
  say "installing ast-grep $AST_GREP_VERSION into $AST_GREP_DIR"
  python3 -m pip install --quiet --no-deps --disable-pip-version-check --target "$AST_GREP_DIR" "$CACHE_DIR/$AST_GREP_WHEEL"
fi

say "building the release binary"
swift build -c release --product prisma-codemod >&2
tool="$PWD/.build/release/prisma-codemod"

# The floor, built from the repo's (fetched, git-ignored) grammar against Debian's runtime.
grammar=Sources/CTreeSitterTypeScript/grammar/typescript/src
floor=.build/bench/parse-floor
if [ ! -x "$floor" ] || [ scripts/bench/parse-floor.c -nt "$floor" ]; then
  say "building the parse-only floor"
  mkdir -p .build/bench
  cc -O2 -pthread -I"$grammar" scripts/bench/parse-floor.c "$grammar/parser.c" "$grammar/scanner.c" \
    $(pkg-config --cflags --libs tree-sitter) -o "$floor"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
RUNS=${RUNS:-3} SEED=${SEED:-12} python3 scripts/bench/run.py "$tool" "$ast_grep" "$PWD/$floor" \
  "$PWD/scripts/bench/ast-grep" "$work" ${SIZES:-1000 10000}
