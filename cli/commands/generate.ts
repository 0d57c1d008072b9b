import type { Command } from "commander";
import { readFileSync } from "node:fs";
import type { GenerateOptions } from "../../generators/generate/index.js";
import type { LlmFlags } from "../../generators/llm/index.js";
import { CannectorsError, describeError, ErrorCodes } from "../../runtime/errors/index.js";
import { EXIT } from "../terminal.js";

interface GenerateFlags extends LlmFlags {
  source: string;
  target?: string;
  targetDb?: string;
  table?: string;
  from?: string;
  to?: string;
  name?: string;
  out: string;
  yes?: boolean;
  list?: boolean;
  json?: boolean;
  hint?: string;
}

export function registerGenerateCommand(program: Command): void {
  program
    .command("generate")
    .description("scaffold a typed connector from two OpenAPI specs, with mapping suggestions to review")
    .requiredOption("--source <spec>", "the source API's OpenAPI spec (file or URL)")
    .option("--target <spec>", "the target API's OpenAPI spec (file or URL)")
    .option(
      "--target-db <url>",
      "instead of --target: a database URL (postgres://, mysql://, sqlite:) whose --table is written",
    )
    .option("--table <name>", "with --target-db: the table (or schema.table) the connector writes")
    .option("--from <operation>", 'source list operation, e.g. "GET /customers"')
    .option("--to <operation>", 'target write operation, e.g. "POST /clients"')
    .option("--name <name>", "connector name (a DNS label)")
    .option("--out <dir>", "project folder: writes types/ and connectors/ in it", ".")
    .option("--yes", "take the best-ranked operations without asking")
    .option("--list", "only list the candidate operation pairs, best first")
    .option("--hint <words>", 'what the connector is for, to rank by: "products", "orders → invoices"')
    .option("--json", "with --list: print JSON")
    .option(
      "--llm-provider <name>",
      "re-rank suggestions with an LLM: openai (any compatible endpoint) or ollama; env CANNECTORS_LLM_PROVIDER",
    )
    .option("--llm-base-url <url>", "the LLM endpoint (ollama: http://127.0.0.1:11434); env CANNECTORS_LLM_BASE_URL")
    .option("--llm-model <name>", "the model; env CANNECTORS_LLM_MODEL")
    .option(
      "--llm-api-key-env <name>",
      "variable holding the API key (openai: OPENAI_API_KEY); env CANNECTORS_LLM_API_KEY_ENV",
    )
    .option("--llm-timeout-ms <n>", "per call (default 20000); env CANNECTORS_LLM_TIMEOUT_MS")
    .option("--llm-max-candidates <n>", "candidates shown per field (default 5); env CANNECTORS_LLM_MAX_CANDIDATES")
    .option("--llm-cache-dir <dir>", "answers cache (default .cannectors/llm-cache); env CANNECTORS_LLM_CACHE_DIR")
    .action(async (flags: GenerateFlags) => {
      // Loaded on use: the generator pulls in the OpenAPI reader and openapi-typescript.
      const generator = await import("../../generators/generate/index.js");
      const { describeLlmRequest, resolveLlmConfig } = await import("../../generators/llm/index.js");
      const { pendingDecisions } = await import("../../generators/scaffold/index.js");
      try {
        if (flags.targetDb !== undefined) return await generateIntoTable(flags);
        if (flags.target === undefined) throw new Error("--target (a spec) or --target-db with --table is required");
        if (flags.list) {
          const [sourceSpec, targetSpec] = await generator.loadSpecs({ source: flags.source, target: flags.target });
          const ranking = flags.hint ? { hint: flags.hint } : {};
          const pairs = generator.rankPairs(sourceSpec, targetSpec, ranking).map((p) => ({
            from: generator.label(p.source.operation),
            to: generator.label(p.target.operation),
            score: Number(p.score.toFixed(3)),
            fit: Number(p.fit.toFixed(3)),
            strong: p.strong,
            required: Number(p.required.toFixed(3)),
            records: p.source.records,
            batchWrap: p.target.wrap ?? null,
            notes: p.notes,
          }));
          const lines = pairs.map(
            (p) =>
              `${p.score.toFixed(2)}  ${p.from}  →  ${p.to}  (fit ${p.fit.toFixed(2)}, ${p.strong} fields)` +
              `${p.notes.length > 0 ? `  ${p.notes.join("; ")}` : ""}\n`,
          );
          // One write: `| head` closing the pipe early must not break a write still to come.
          process.stdout.write(flags.json ? `${JSON.stringify(pairs, null, 2)}\n` : lines.join(""));
          process.exitCode = EXIT.ok;
          return;
        }
        if (!flags.name) throw new Error("--name is required (the connector's name, e.g. crm-to-erp)");
        const interactive = !flags.yes && process.stdin.isTTY && !(flags.from && flags.to);
        if (!interactive && !flags.yes && !(flags.from && flags.to)) {
          throw new Error("pass --from and --to, or --yes to take the best-ranked operations (no terminal to ask on)");
        }
        // Nothing leaves the machine unless --llm-* or CANNECTORS_LLM_* says so, and then the user is told what.
        const llm = resolveLlmConfig(flags, process.env);
        if (llm) process.stderr.write(`${describeLlmRequest(llm)}\n`);
        const started = performance.now();
        const result = await generator.generateConnector({
          source: flags.source,
          target: flags.target,
          name: flags.name,
          outDir: flags.out,
          ...(flags.from ? { from: flags.from } : {}),
          ...(flags.to ? { to: flags.to } : {}),
          ...(flags.hint ? { hint: flags.hint } : {}),
          ...(interactive ? { choose: await interactiveChooser() } : {}),
          ...(llm ? { llm } : {}),
        });
        const fields = result.plan.fields;
        // Counted in the written file, as `cannectors review` counts them: the two always agree.
        const pending = pendingDecisions(readFileSync(result.files[2] ?? "", "utf8")).length;
        if (llm && result.llm && result.llm.fallbacks > 0) {
          process.stderr.write(
            `LLM at ${llm.baseUrl} not used for ${result.llm.fallbacks} of ${result.llm.fields} field(s): ` +
              `${result.llm.firstError ?? "no usable answer"}; the offline ranking was kept for them\n`,
          );
        }
        process.stderr.write(
          `${generator.label(result.pair.source.operation)} → ${generator.label(result.pair.target.operation)}: ` +
            `${fields.length} target fields, ${pending} decision(s) to review ` +
            `(${((performance.now() - started) / 1000).toFixed(1)} s)\n${result.files.map((f) => `  wrote ${f}`).join("\n")}\n` +
            `next: cannectors review ${result.files[2]}\n`,
        );
        process.exitCode = EXIT.ok;
      } catch (error) {
        process.stderr.write(`generate: ${describeError(error)}\n`);
        process.exitCode = EXIT.invalid;
      }
    });
}

/** Asks on the terminal; a cancelled prompt ends the command without writing anything. */
async function interactiveChooser(): Promise<GenerateOptions["choose"]> {
  const [{ pickPair }, { clackPrompter }] = await Promise.all([import("./generate-pick.js"), import("./prompter.js")]);
  const prompter = await clackPrompter();
  return async (ranked, all) => {
    const picked = await pickPair(ranked, all, prompter);
    if (!picked) throw new CannectorsError(ErrorCodes.CANCELLED, "cancelled: nothing was written");
    return picked;
  };
}

/** `--target-db URL --table NAME`: the source's records into a table (generators/db-types). */
async function generateIntoTable(flags: GenerateFlags): Promise<void> {
  if (!flags.table || !flags.name) throw new Error("--target-db needs --table and --name");
  const { generateDbConnector } = await import("../../generators/db-types/generate-db.js");
  const result = await generateDbConnector({
    source: flags.source,
    targetDb: flags.targetDb ?? "",
    table: flags.table,
    name: flags.name,
    outDir: flags.out,
    ...(flags.from ? { from: flags.from } : {}),
  });
  process.stderr.write(
    `${result.from} → table ${flags.table}\n${result.files.map((f) => `  wrote ${f}`).join("\n")}\nnext: cannectors review ${result.files[2]}\n`,
  );
  process.exitCode = EXIT.ok;
}
