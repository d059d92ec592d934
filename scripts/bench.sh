#!/usr/bin/env bash
# Speed and memory figures (not a test): release build, then the inventory, a dry
# run and the check on the sample backend and on a synthetic monorepo made of
# COPIES copies of it (default 140, about 10,000 files). Prints median wall time
# over RUNS runs and the peak resident memory of the slowest command.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product prisma-codemod >&2
tool="$PWD/.build/release/prisma-codemod"
copies=${COPIES:-140}
runs=${RUNS:-5}

mono=$(mktemp -d)
trap 'rm -rf "$mono"' EXIT
echo '{}' > "$mono/package.json"
for i in $(seq 1 "$copies"); do
  mkdir -p "$mono/packages/svc$i"
  cp -R Fixtures/backend/. "$mono/packages/svc$i/"
  rm -f "$mono/packages/svc$i/package.json"
done

# One generated file with 4,000 wrapped reads: per-file work must stay linear in the sites.
big="$mono/packages/big"
mkdir -p "$big/src"
python3 - "$big/src/many.ts" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    out.write("import { prisma, executeWithRetry } from '../../svc1/src/utils/prisma';\n\n")
    for i in range(4000):
        out.write(f"export async function f{i}(id: number) {{\n  const u = await executeWithRetry(() =>\n"
                  f"    prisma.user.findUnique({{\n      where: {{ id }}\n    }})\n  );\n  return u;\n}}\n\n")
PY

python3 - "$tool" "$runs" "$PWD/Fixtures/backend" "$mono" <<'PY'
import os, resource, statistics, subprocess, sys, time
tool, runs, backend, mono = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def measure(label, args, files):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([tool] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(f"{label}: exit {done.returncode}")
    median = statistics.median(times)
    print(f"{label:<44} {files:>6} files  median {median * 1000:8.1f} ms  {files / median:9.0f} files/s")

backend_files = sum(1 for root, _, names in os.walk(backend) for n in names if n.endswith(".ts"))
mono_files = sum(1 for root, _, names in os.walk(mono) for n in names if n.endswith(".ts"))
print(f"cores: {os.cpu_count()}, runs per figure: {runs}")
measure("inventory Fixtures/backend", ["inventory", backend], backend_files)
measure("diff localize-client Fixtures/backend", ["diff", "localize-client", backend], backend_files)
measure("check Fixtures/backend", ["check", backend], backend_files)
central = "packages/svc1/src/utils/prisma.ts"
measure("inventory (synthetic monorepo)", ["inventory", mono, "--central-module", central], mono_files)
measure("diff unwrap-reads (synthetic monorepo)", ["diff", "unwrap-reads", mono, "--central-module", central], mono_files)
measure("check (synthetic monorepo)", ["check", mono, "--central-module", central], mono_files)
measure("diff unwrap-reads (one file, 4,000 sites)", ["diff", "unwrap-reads", mono + "/packages/big/src/many.ts", "--central-module", central], 1)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"peak resident memory of any run: {peak / 1024:.0f} MiB")
PY
