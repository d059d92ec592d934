#!/usr/bin/env bash
# Time and peak memory of `diff unwrap-reads` on one large generated file (not a test):
# SIZES megabytes (default 1 2 4 20), 250 wrapped reads per megabyte with plain code
# between them (a 20 MB file has 5,000). Cost must grow linearly with the size; each run
# must report every site, so a fast run that saw nothing fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
swift build -c release --product prisma-codemod >&2
tool="$PWD/.build/release/prisma-codemod"
sizes=${SIZES:-1 2 4 20}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
echo '{ "dependencies": { "@prisma/client": "5" } }' > "$work/package.json"
cat > "$work/src/db.ts" <<'TS'
import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
export async function executeWithRetry<T>(run: () => Promise<T>): Promise<T> {
  return run();
}
TS

printf '%8s %7s %10s %14s\n' size sites seconds "peak RSS MiB"
for size in $sizes; do
  sites=$((250 * size))
  file="$work/src/big$size.ts"
  python3 - "$file" "$size" "$sites" <<'PY'
import sys
path, megabytes, sites = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
per_site = megabytes * 1024 * 1024 // sites
site = ("export async function find{i}(id: number) {{\n  const u = await executeWithRetry(() =>\n"
        "    prisma.user.findUnique({{\n      where: {{ id }}\n    }})\n  );\n  return u;\n}}\n\n")
filler = ("export function helper{i}_{j}(values: number[]): number {{\n  let total = 0;\n"
          "  for (const value of values) {{\n    total += value * {j}; // running sum\n  }}\n  return total;\n}}\n\n")
with open(path, "w") as out:
    out.write("import { prisma, executeWithRetry } from './db';\n\n")
    for i in range(sites):
        text = site.format(i=i)
        j = 0
        while len(text) < per_site:
            text += filler.format(i=i, j=j)
            j += 1
        out.write(text)
PY
  /usr/bin/time -v "$tool" diff unwrap-reads "$file" > "$work/patch" 2> "$work/stderr"
  grep -q "unwrap-reads: 1 file(s) would change ($sites site(s))" "$work/stderr" \
    || { cat "$work/stderr" >&2; echo "big$size.ts: not every site was found" >&2; exit 1; }
  seconds=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/stderr" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/stderr")
  printf '%6s MB %7s %10s %14s\n' "$size" "$sites" "$seconds" "$((peak / 1024))"
  rm "$file"
done
