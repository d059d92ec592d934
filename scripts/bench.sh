#!/usr/bin/env bash
# Speed and memory figures (not a test): release build, then the inventory, a dry
# run and the check on the sample backend and on a synthetic monorepo made of
# COPIES copies of it (default 140, about 10,000 files, each copy a project of its own). Prints median wall time
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
echo '{ "private": true, "workspaces": ["packages/*"] }' > "$mono/package.json"
# Each copy is a project of its own (its package.json depends on @prisma/client).
for i in $(seq 1 "$copies"); do
  mkdir -p "$mono/packages/svc$i"
  cp -R Fixtures/backend/. "$mono/packages/svc$i/"
done

# One generated file with 4,000 wrapped reads: per-file work must stay linear in the sites.
big="$mono/packages/svc1/src/many.ts"
python3 - "$big" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    out.write("import { prisma, executeWithRetry } from './utils/prisma';\n\n")
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
measure("inventory (synthetic monorepo)", ["inventory", mono], mono_files)
measure("diff unwrap-reads (synthetic monorepo)", ["diff", "unwrap-reads", mono], mono_files)
measure("check (synthetic monorepo)", ["check", mono], mono_files)
measure("diff unwrap-reads (one file, 4,000 sites)", ["diff", "unwrap-reads", mono + "/packages/svc1/src/many.ts"], 1)

# Every copy is its own project and must be seen whole: 9 wrapped reads each, plus the 4,000.
import json
report = json.loads(subprocess.run([tool, "check", mono, "--format", "json"], capture_output=True, text=True).stdout)
found = sum(1 for f in report["findings"] if f["rule"] == "read-in-retry")
copies = sum(1 for name in os.listdir(os.path.join(mono, "packages")) if name.startswith("svc"))
expected = 9 * copies + 4000
print(f"wrapped reads found in the synthetic monorepo: {found} of {expected}")
if found != expected:
    sys.exit("the synthetic monorepo's wrapped reads were not all found")
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"peak resident memory of any run: {peak / 1024:.0f} MiB")
PY
