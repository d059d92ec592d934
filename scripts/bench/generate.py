#!/usr/bin/env python3
"""Writes a synthetic Express + Prisma backend of N files, deterministically from a seed, with
its ground truth: every read wrapped in `executeWithRetry` (path, line, column of the retry
call, where `check` and the ast-grep rule report it) and the tree as `unwrap-reads` must leave
it (reads unwrapped, writes still wrapped, the helper's import specifier gone where no retry
is left). Decoys (the same text in comments and strings, wrapped writes, bare reads) must not
be counted or touched.

usage: generate.py --files N --seed S --out DIR --expected DIR --truth FILE.json
"""
import argparse
import json
import os
import random

MODELS = ["user", "task", "invoice", "organization", "branch", "role", "document", "notification",
          "shift", "room", "reservation", "consultation", "payroll", "tour", "permission", "client"]
READS = ["findUnique", "findFirst", "findMany", "count", "aggregate", "groupBy",
         "findUniqueOrThrow", "findFirstOrThrow"]
WRITES = ["create", "update", "delete", "upsert", "updateMany", "deleteMany"]

CENTRAL = """import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as {
  prisma: PrismaClient | undefined;
};

export const prisma = globalForPrisma.prisma ?? new PrismaClient({ log: ['error'] });

if (process.env.NODE_ENV !== 'production') {
  globalForPrisma.prisma = prisma;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Retries an operation when the connection drops (meant for writes).
export const executeWithRetry = async <T>(operation: () => Promise<T>, maxRetries = 3, retryDelay = 1000): Promise<T> => {
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxRetries; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      if (attempt === maxRetries) break;
      await sleep(retryDelay * attempt);
    }
  }
  throw lastError;
};
"""


def args_for(rng, method):
    """A plausible argument list for a read; empty for some."""
    if method in ("count", "findFirst", "findMany") and rng.random() < 0.3:
        return ""
    if method in ("aggregate",):
        return "{ _count: { id: true }, where: { active: true } }"
    if method in ("groupBy",):
        return "{ by: ['status'], _count: { _all: true } }"
    return rng.choice(["{ where: { id } }", "{ where: { id }, select: { id: true, name: true } }",
                       "{ orderBy: { createdAt: 'desc' }, take: 50 }", "{ where: { ownerId: id, deletedAt: null } }"])


def read_site(rng, n):
    """One function holding one wrapped read: (wrapped lines, unwrapped lines, index of the
    line holding the retry call, column (0-based) of `executeWithRetry` on it)."""
    model, method = rng.choice(MODELS), rng.choice(READS)
    a = args_for(rng, method)
    call = f"prisma.{model}.{method}({a})"
    shape = rng.randrange(8)
    head = f"export async function {method}{model.capitalize()}{n}(id: number, all = true) {{"
    if shape == 0:  # one line, awaited
        w = [head, f"  const result = await executeWithRetry(() => {call});", "  return result;", "}"]
        u = [head, f"  const result = await {call};", "  return result;", "}"]
        return w, u, 1, len("  const result = await ")
    if shape == 1:  # multi-line object argument: the call moves up and loses one indent
        w = [head, "  const found = await executeWithRetry(() =>", f"    prisma.{model}.{method}({{",
             "      where: { id },", "      take: 20", "    })", "  );", "  return found;", "}"]
        u = [head, f"  const found = await prisma.{model}.{method}({{", "    where: { id },", "    take: 20",
             "  });", "  return found;", "}"]
        return w, u, 1, len("  const found = await ")
    if shape == 2:  # async arrow awaiting the call
        w = [head, f"  return await executeWithRetry(async () => await {call});", "}"]
        u = [head, f"  return await {call};", "}"]
        return w, u, 1, len("  return await ")
    if shape == 3:  # block body returning the awaited call
        w = [head, "  return await executeWithRetry(async () => {", f"    return await {call};", "  });", "}"]
        u = [head, f"  return await {call};", "}"]
        return w, u, 1, len("  return await ")
    if shape == 4:  # returned, not awaited
        w = [head.replace("async ", ""), f"  return executeWithRetry(() => {call});", "}"]
        u = [head.replace("async ", ""), f"  return {call};", "}"]
        return w, u, 1, len("  return ")
    if shape == 5:  # explicit type argument
        w = [head, f"  const row = await executeWithRetry<unknown>(() => {call});", "  return row;", "}"]
        u = [head, f"  const row = await {call};", "  return row;", "}"]
        return w, u, 1, len("  const row = await ")
    if shape == 6:  # in a conditional expression
        w = [head, f"  const rows = all ? await executeWithRetry(() => {call}) : null;", "  return rows;", "}"]
        u = [head, f"  const rows = all ? await {call} : null;", "  return rows;", "}"]
        return w, u, 1, len("  const rows = all ? await ")
    # shape 7: after a logical and
    w = [head, f"  const hit = id > 0 && await executeWithRetry(() => {call});", "  return hit;", "}"]
    u = [head, f"  const hit = id > 0 && await {call};", "  return hit;", "}"]
    return w, u, 1, len("  const hit = id > 0 && await ")


def promise_all_site(rng, n):
    """Two wrapped reads as items of Promise.all, each its own site."""
    c1 = f"prisma.{rng.choice(MODELS)}.count()"
    c2 = f"prisma.{rng.choice(MODELS)}.findMany({{ take: 10 }})"
    head = f"export async function overview{n}() {{"
    w = [head, "  const [total, latest] = await Promise.all([", f"    executeWithRetry(() => {c1}),",
         f"    executeWithRetry(() => {c2}),", "  ]);", "  return { total, latest };", "}"]
    u = [head, "  const [total, latest] = await Promise.all([", f"    {c1},", f"    {c2},", "  ]);",
         "  return { total, latest };", "}"]
    return w, u, [(2, 4), (3, 4)]


def write_site(rng, n):
    """A wrapped write: stays wrapped, keeps the helper imported."""
    model, method = rng.choice(MODELS), rng.choice(WRITES)
    head = f"export async function {method}{model.capitalize()}{n}(id: number, data: Record<string, unknown>) {{"
    lines = [head, f"  return executeWithRetry(() => prisma.{model}.{method}({{ where: {{ id }}, data }} as never));", "}"]
    return lines


def bare_site(rng, n):
    model, method = rng.choice(MODELS), rng.choice(READS)
    return [f"export const peek{n} = (id: number) => prisma.{model}.{method}({args_for(rng, method)});"]


def decoy(rng, n):
    """The wrapped-read text where no tool may see a call: comments, strings, a template."""
    model = rng.choice(MODELS)
    text = f"executeWithRetry(() => prisma.{model}.findMany())"
    return rng.choice([
        [f"// Früher: {text} — Lesezugriffe brauchen keinen Retry."],
        ["/*", f" * Example: await {text};", " */"],
        [f"export const hint{n} = 'await {text}';"],
        [f"export const doc{n} = `see {text} in the runbook`;"],
    ])


def filler(rng, n):
    """Business logic without Prisma, to give files a realistic size."""
    k = rng.randrange(5, 15)
    lines = [f"export function normalize{n}(input: Record<string, unknown>): Record<string, string> {{",
             "  const out: Record<string, string> = {};"]
    for j in range(k):
        lines += [f"  if (typeof input.field{j} === 'string' && input.field{j}.trim().length > 0) {{",
                  f"    out.field{j} = input.field{j}.trim().toLowerCase();",
                  "  } else {", f"    out.field{j} = String(input.field{j} ?? '');", "  }"]
    lines += ["  return out;", "}"]
    return lines


def service(rng, depth):
    """(wrapped text, unwrapped text, [(line, column)] of wrapped reads, 1-based)."""
    wrapped, unwrapped, sites = [], [], []
    has_write = rng.random() < 0.4
    up = "../" * depth
    wrapped.append(f"import {{ prisma, executeWithRetry }} from '{up}utils/prisma';")
    unwrapped.append(f"import {{ prisma{', executeWithRetry' if has_write else ''} }} from '{up}utils/prisma';")
    both = lambda lines: (wrapped.extend(lines), unwrapped.extend(lines))
    both([""])
    parts = ["read"] * rng.randrange(4, 11) + ["all"] * rng.randrange(0, 2) + ["bare"] * rng.randrange(0, 3) \
        + ["decoy"] * rng.randrange(1, 4) + ["filler"] * rng.randrange(2, 6)
    if has_write:
        parts += ["write"] * rng.randrange(1, 3)
    rng.shuffle(parts)
    for n, part in enumerate(parts):
        if part == "read":
            w, u, at, col = read_site(rng, n)
            sites.append((len(wrapped) + at + 1, col + 1))
            wrapped.extend(w)
            unwrapped.extend(u)
        elif part == "all":
            w, u, at = promise_all_site(rng, n)
            sites += [(len(wrapped) + i + 1, c + 1) for i, c in at]
            wrapped.extend(w)
            unwrapped.extend(u)
        elif part == "write":
            both(write_site(rng, n))
        elif part == "bare":
            both(bare_site(rng, n))
        elif part == "decoy":
            both(decoy(rng, n))
        else:
            both(filler(rng, n))
        both([""])
    return "\n".join(wrapped), "\n".join(unwrapped), sites


def controller(rng, name):
    lines = ["import { Request, Response } from 'express';", f"import * as service from './{name}.service0';", ""]
    for n in range(rng.randrange(3, 8)):
        lines += [f"export const handle{n} = async (req: Request, res: Response) => {{",
                  "  try {", "    const id = Number(req.params.id);",
                  "    if (Number.isNaN(id)) {", "      res.status(400).json({ error: 'invalid id' });", "      return;", "    }",
                  f"    const result = await service.normalize{n}?.(req.body ?? {{}});",
                  "    res.json({ ok: true, result });",
                  "  } catch (error) {", "    res.status(500).json({ error: String(error) });", "  }", "};", ""]
        if rng.random() < 0.2:
            lines += decoy(rng, n) + [""]
        lines += filler(rng, 100 + n) + [""]
    return "\n".join(lines)


def routes(rng, name):
    lines = ["import { Router } from 'express';", f"import * as controller from './{name}.controller5';", "",
             "const router = Router();", ""]
    for n in range(rng.randrange(3, 8)):
        lines.append(f"router.{rng.choice(['get', 'post', 'put', 'delete'])}('/{name}/{n}/:id', controller.handle{n});")
    lines += ["", "export default router;", ""]
    return "\n".join(lines)


def types(rng, name):
    lines = []
    for n in range(rng.randrange(4, 12)):
        lines += [f"export interface {name.capitalize()}Dto{n} {{", "  id: number;", "  name: string;",
                  "  createdAt: Date;", "  tags?: string[];", "}", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, required=True)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--out", required=True)
    parser.add_argument("--expected", required=True)
    parser.add_argument("--truth", required=True)
    opts = parser.parse_args()
    rng = random.Random(opts.seed)

    def emit(rel, wrapped, unwrapped):
        for root, text in ((opts.out, wrapped), (opts.expected, unwrapped)):
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as out:
                out.write(text if text.endswith("\n") else text + "\n")

    package = json.dumps({"name": "synthetic-backend", "private": True,
                          "dependencies": {"@prisma/client": "^5.22.0", "express": "^4.21.1"}}, indent=2) + "\n"
    tsconfig = json.dumps({"compilerOptions": {"target": "ES2022", "module": "commonjs", "strict": True,
                                               "outDir": "dist"}, "include": ["src"]}, indent=2) + "\n"
    emit("package.json", package, package)
    emit("tsconfig.json", tsconfig, tsconfig)
    emit("src/utils/prisma.ts", CENTRAL, CENTRAL)
    sites, total_bytes = [], len(CENTRAL.encode())
    # One module folder per ten files: five services, three controllers, routes, types.
    for i in range(opts.files - 1):
        module, slot = divmod(i, 10)
        name = f"m{module:04d}"
        rel = f"src/modules/{name}/{name}."
        if slot < 5:
            rel += f"service{slot}.ts"
            wrapped, unwrapped, found = service(rng, 2)
            sites += [(rel, line, col) for line, col in found]
        elif slot < 8:
            rel += f"controller{slot}.ts"
            wrapped = unwrapped = controller(rng, name)
        elif slot == 8:
            rel += "routes.ts"
            wrapped = unwrapped = routes(rng, name)
        else:
            rel += "types.ts"
            wrapped = unwrapped = types(rng, name)
        emit(rel, wrapped, unwrapped)
        total_bytes += len(wrapped.encode()) + (0 if wrapped.endswith("\n") else 1)
    with open(opts.truth, "w") as out:
        json.dump({"files": opts.files, "bytes": total_bytes, "seed": opts.seed,
                   "wrappedReads": [list(s) for s in sorted(sites)]}, out)


if __name__ == "__main__":
    main()
