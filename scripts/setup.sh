#!/usr/bin/env bash
# Installs what the build needs, idempotently: Debian's tree-sitter runtime and
# the TypeScript/TSX grammar sources (third-party code, fetched, never committed).
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

sdist_ok() {
  [ -f "$SDIST" ] && echo "$GRAMMAR_SHA256  $SDIST" | sha256sum --check --status
}

if [ -f "$GRAMMAR_DIR/typescript/src/parser.c" ] && [ -f "$GRAMMAR_DIR/tsx/src/parser.c" ] \
   && [ -f "$GRAMMAR_DIR/VERSION" ] && [ "$(cat "$GRAMMAR_DIR/VERSION")" = "$GRAMMAR_VERSION" ]; then
  say "TypeScript grammar $GRAMMAR_VERSION already in $GRAMMAR_DIR"
else
  if sdist_ok; then
    say "using cached $SDIST"
  else
    say "downloading $GRAMMAR_PACKAGE==$GRAMMAR_VERSION (source distribution) from PyPI"
    mkdir -p "$CACHE_DIR"
    rm -f "$SDIST"
    python3 -m pip download --quiet --no-deps --no-binary "$GRAMMAR_PACKAGE" \
      "$GRAMMAR_PACKAGE==$GRAMMAR_VERSION" -d "$CACHE_DIR"
    if ! sdist_ok; then
      say "sha256 mismatch for $SDIST (expected $GRAMMAR_SHA256); refusing to use it"
      rm -f "$SDIST"
      exit 1
    fi
  fi
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
