#!/usr/bin/env bash
# Builds a release prisma-codemod that runs without this checkout and without a Swift
# toolchain, and installs it as PREFIX/bin/prisma-codemod (PREFIX defaults to /usr/local).
# Installs what the build needs first (scripts/setup.sh, idempotent).
set -euo pipefail
prefix=${1:-/usr/local}
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac
cd "$(dirname "$0")/.."
scripts/setup.sh

say() { echo "install: $*" >&2; }

# Debian's libtree-sitter-dev ships the static archive beside the shared library. A folder
# holding only the archive, searched first, makes the linker's -ltree-sitter take the .a,
# so the binary does not need libtree-sitter.so.0 where it runs.
archive="$(pkg-config --variable=libdir tree-sitter)/libtree-sitter.a"
if [ ! -f "$archive" ]; then
  say "$archive is missing: the static tree-sitter runtime comes with Debian's libtree-sitter-dev"
  exit 1
fi
static_libs="$PWD/.build/install-static-libs"
mkdir -p "$static_libs"
ln -sf "$archive" "$static_libs/libtree-sitter.a"

# The Swift runtime and Foundation linked in too (--static-swift-stdlib); the rules are
# compiled into the binary (PackageResources), so there is no resource bundle to carry.
say "building prisma-codemod (release, static Swift runtime and tree-sitter)"
flags=(-c release --product prisma-codemod --static-swift-stdlib -Xlinker "-L$static_libs")
swift build "${flags[@]}"
binary="$(swift build "${flags[@]}" --show-bin-path)/prisma-codemod"

# Refuse to install a binary that would only run here.
needs=$(ldd "$binary" | awk '{ print $1 }' | grep -E '^lib(swift|Foundation|dispatch|BlocksRuntime|tree-sitter)' || true)
if [ -n "$needs" ]; then
  say "the built binary still needs shared libraries from this machine: $(echo $needs)"
  exit 1
fi

install -d "$prefix/bin"
install -m 0755 "$binary" "$prefix/bin/prisma-codemod"
say "installed $prefix/bin/prisma-codemod"
"$prefix/bin/prisma-codemod" --version
