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

# Debian's libtree-sitter-dev ships the static archive beside the shared library. The build
# reads the library's flags from tree-sitter.pc; a copy whose libdir is a folder holding only
# the archive, found first through PKG_CONFIG_PATH, makes -ltree-sitter take the .a, so the
# binary does not need libtree-sitter.so.0 where it runs. Debug builds are left as they are.
system_pc="$(pkg-config --variable=pcfiledir tree-sitter)/tree-sitter.pc"
archive="$(pkg-config --variable=libdir tree-sitter)/libtree-sitter.a"
if [ ! -f "$archive" ]; then
  say "$archive is missing: the static tree-sitter runtime comes with Debian's libtree-sitter-dev"
  exit 1
fi
static_libs="$PWD/.build-install/static/lib"
mkdir -p "$static_libs"
ln -sf "$archive" "$static_libs/libtree-sitter.a"
sed "s|^libdir=.*|libdir=$static_libs|" "$system_pc" > "$PWD/.build-install/static/tree-sitter.pc"
export PKG_CONFIG_PATH="$PWD/.build-install/static${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

# The Swift runtime and Foundation linked in too (--static-swift-stdlib); the rules are
# compiled into the binary (PackageResources), so there is no resource bundle to carry.
say "building prisma-codemod (release, static Swift runtime and tree-sitter)"
# A build folder of its own: the tests run this script while `swift test` holds .build.
flags=(-c release --product prisma-codemod --static-swift-stdlib --scratch-path .build-install)
swift build "${flags[@]}"
binary="$(swift build "${flags[@]}" --show-bin-path)/prisma-codemod"

# Refuse to install a binary that would only run here.
needs=$(ldd "$binary" | awk '{ print $1 }' | grep -E '^lib(swift|Foundation|dispatch|BlocksRuntime|tree-sitter)' || true)
if [ -n "$needs" ]; then
  say "the built binary still needs shared libraries from this machine: $(echo $needs)"
  exit 1
fi

install -d "$prefix/bin"
# Symbols stripped (a third of the size) when binutils is there; the Swift runtime does not need them.
strip_flag=$(command -v strip >/dev/null && echo -s || true)
install $strip_flag -m 0755 "$binary" "$prefix/bin/prisma-codemod"
say "installed $prefix/bin/prisma-codemod"
"$prefix/bin/prisma-codemod" --version
