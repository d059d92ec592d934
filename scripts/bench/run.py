#!/usr/bin/env python3
"""Runs prisma-codemod, ast-grep and the parse-only floor side by side on generated backends,
interleaved (floor, ast-grep scan, check cold, check warm, ast-grep rewrite, apply, then again), checks every
run's output against the generator's ground truth, and prints medians of wall time, CPU time
(user + system, children included) and peak resident memory with ratios to ast-grep and to
the floor. Exits 1 if any tool's output was wrong. Called by scripts/bench.sh.

usage: run.py TOOL AST_GREP FLOOR RULES_DIR WORK_DIR SIZE... (RUNS, SEED from the environment)
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

tool, ast_grep, floor, rules, work = sys.argv[1:6]
sizes = [int(s) for s in sys.argv[6:]]
runs = int(os.environ.get("RUNS", "3"))
seed = int(os.environ.get("SEED", "12"))
cores = os.cpu_count() or 1
here = os.path.dirname(os.path.abspath(__file__))


def timed(argv, stdin=None, stdout=None):
    """One child process: (wall s, user+sys CPU s, peak RSS KiB, exit status).

    Peak RSS comes from GNU time around the command: Linux counts a child's memory before it
    execs in its ru_maxrss, so a child forked from this (large) Python process would report
    Python's RSS whenever the tool's own is smaller."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        child = subprocess.Popen(["/usr/bin/time", "-f", "%M %x", "-o", report.name] + argv, stdin=stdin,
                                 stdout=stdout or subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        # "Command exited with non-zero status N" comes first when it did.
        rss, code = report.read().split()[-2:]
    return wall, usage.ru_utime + usage.ru_stime, int(rss), int(code)


def fresh_copy(tree, name):
    target = os.path.join(work, name)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(tree, target, symlinks=True)
    return target


def same_tree(expected, actual):
    """None if every file under src/ is byte-identical, else the first differences."""
    diff = subprocess.run(["diff", "-r", "-q", os.path.join(expected, "src"), os.path.join(actual, "src")],
                          capture_output=True, text=True)
    return None if diff.returncode == 0 else diff.stdout.strip().splitlines()[:3]


def compare_sites(truth, found, what):
    """None if the (path, line) multisets agree, else a short account of what differs."""
    expected, got = sorted(truth), sorted(found)
    if expected == got:
        return None
    missing = [s for s in expected if s not in set(got)][:2]
    extra = [s for s in got if s not in set(expected)][:2]
    return [f"{what}: {len(got)} sites, expected {len(expected)}; missing e.g. {missing}, extra e.g. {extra}"]


def bench(size):
    root = os.path.join(work, f"gen-{size}")
    tree, expected, truth_file = os.path.join(root, "tree"), os.path.join(root, "expected"), os.path.join(root, "truth.json")
    shutil.rmtree(root, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(here, "generate.py"), "--files", str(size), "--seed", str(seed),
                    "--out", tree, "--expected", expected, "--truth", truth_file], check=True)
    with open(truth_file) as handle:
        truth = json.load(handle)
    sites = [(p, line) for p, line, _ in truth["wrappedReads"]]
    sites_with_column = sorted(tuple(s) for s in truth["wrappedReads"])
    file_list = os.path.join(root, "files.txt")
    with open(file_list, "w") as handle:
        for folder, _, names in sorted(os.walk(tree)):
            for name in sorted(names):
                if name.endswith(".ts"):
                    handle.write(os.path.join(folder, name) + "\n")

    def floor_job():
        with open(file_list) as stdin:
            wall, cpu, rss, code = timed([floor, str(cores)], stdin=stdin)
        return (wall, cpu, rss), None if code == 0 else [f"exit {code}"]

    def ast_grep_scan():
        out = os.path.join(work, "ast-grep-scan.jsonl")
        with open(out, "w") as handle:
            wall, cpu, rss, code = timed([ast_grep, "scan", "-r", os.path.join(rules, "read-in-retry.yml"),
                                          "--json=stream", tree], stdout=handle)
        if code not in (0, 1):
            return (wall, cpu, rss), [f"exit {code}"]
        with open(out) as handle:
            found = [(os.path.relpath(os.path.join(os.getcwd(), m["file"]), tree), m["range"]["start"]["line"] + 1)
                     for m in map(json.loads, handle)]
        return (wall, cpu, rss), compare_sites(sites, found, "ast-grep scan")

    def check(warm=False):
        # Cold: no results cache (the run writes it); warm: the cache the cold run just wrote.
        if not warm:
            shutil.rmtree(os.path.join(tree, ".prisma-codemod"), ignore_errors=True)
        out = os.path.join(work, "check.json")
        with open(out, "w") as handle:
            wall, cpu, rss, code = timed([tool, "check", tree, "--format", "json"], stdout=handle)
        if code not in (0, 1):
            return (wall, cpu, rss), [f"exit {code}"]
        with open(out) as handle:
            report = json.load(handle)
        # A finding is placed at the Prisma call; the ground truth (and ast-grep) at the retry wrapper around it.
        found = [(f["path"], f["wrapper"]["line"], f["wrapper"]["column"]) for f in report["findings"]
                 if f["rule"] == "read-in-retry"]
        problems = compare_sites(sites_with_column, found, "check")
        other = [f for f in report["findings"] if f["rule"] != "read-in-retry"] + report.get("unchecked", []) \
            + report.get("failed", [])
        if other and not problems:
            problems = [f"check: {len(other)} other findings, e.g. {other[0]}"]
        return (wall, cpu, rss), problems

    def ast_grep_rewrite():
        copy = fresh_copy(tree, "ast-grep-rewrite")
        passes = [timed([ast_grep, "scan", "-r", os.path.join(rules, rule), "-U", copy])
                  for rule in ("read-in-retry.yml", "drop-retry-import.yml")]
        measured = (sum(p[0] for p in passes), sum(p[1] for p in passes), max(p[2] for p in passes))
        bad = [f"exit {p[3]}" for p in passes if p[3] not in (0, 1)]
        return measured, bad or same_tree(expected, copy)

    def apply():
        copy = fresh_copy(tree, "apply")
        wall, cpu, rss, code = timed([tool, "apply", "unwrap-reads", copy, "--allow-lossy"])
        return (wall, cpu, rss), [f"exit {code}"] if code != 0 else same_tree(expected, copy)

    version = subprocess.run([ast_grep, "--version"], capture_output=True, text=True).stdout.strip()
    jobs = [
        ("floor", f"parse floor (C, same grammar, {cores} threads)", floor_job, None),
        ("ag-scan", f"{version} scan", ast_grep_scan, None),
        ("check", "prisma-codemod check (cold: no cache)", check, "ag-scan"),
        ("check-warm", "prisma-codemod check (warm: cache, nothing changed)", lambda: check(warm=True), "ag-scan"),
        ("ag-rewrite", f"{version} unwrap + import cleanup (2 passes)", ast_grep_rewrite, None),
        ("apply", "prisma-codemod apply unwrap-reads --allow-lossy", apply, "ag-rewrite"),
    ]
    figures = {key: [] for key, *_ in jobs}
    problems = {}
    load = os.getloadavg()[0]
    for run in range(runs):
        for key, label, job, _ in jobs:
            measured, wrong = job()
            figures[key].append(measured)
            if wrong and key not in problems:
                problems[key] = f"run {run + 1}: " + "; ".join(wrong)
            print(f"  run {run + 1}/{runs} {label}: {measured[0]:.2f} s{' WRONG' if wrong else ''}", file=sys.stderr)

    median = {key: tuple(statistics.median(m[i] for m in figures[key]) for i in range(3)) for key in figures}
    print(f"\nSynthetic backend: {size:,} files, {truth['bytes'] / 1e6:.1f} MB, {len(sites):,} wrapped reads "
          f"(seed {seed}); {cores} cores; median of {runs} interleaved run(s); load average at start {load:.2f}\n")
    print(f"| job | wall s | CPU s | peak RSS MB | wall × ast-grep | wall × floor | output |")
    print(f"| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for key, label, _, peer in jobs:
        wall, cpu, rss = median[key]
        versus = f"{wall / median[peer][0]:.2f}" if peer else ""
        output = "ok" if key not in problems else f"WRONG ({problems[key]})"
        print(f"| {label} | {wall:.2f} | {cpu:.2f} | {rss / 1024:.0f} | {versus} | {wall / median['floor'][0]:.2f} | {output} |")
    return not problems


os.makedirs(work, exist_ok=True)
results = [bench(size) for size in sizes]
sys.exit(0 if all(results) else 1)
