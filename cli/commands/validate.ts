import type { Command } from "commander";
import { hasErrors } from "../../runtime/diagnostics/index.js";
import { allDiagnostics, loadConnectorFiles } from "../connector-files.js";
import { ENV_FILE_HELP, loadEnvironment } from "../env-file.js";
import { reportDiagnostics } from "../report-diagnostics.js";
import { EXIT } from "../terminal.js";

export function registerValidateCommand(program: Command): void {
  program
    .command("validate")
    .description("check artifacts: schema, expressions, CRON, secret references (no network, no state)")
    .argument("<files...>", "connector YAML files, or TypeScript connectors (type-checked and built in memory)")
    .option("--check-env", "also require every ${env:NAME} / ${secret:NAME} reference to be set, URLs valid once set")
    .option("--env-file <file>", `${ENV_FILE_HELP}; implies --check-env`)
    .option(
      "--source-spec <file>",
      "the source's OpenAPI file: record.<field> in the filters must be a field of its records (as input.contract checks)",
    )
    .option(
      "--connect",
      "also connect to each SQL database (catalogue reads only): the tables and columns used must exist and fit; implies --check-env",
    )
    .option("--json", "print the diagnostics as JSON on stdout")
    .action(
      async (
        files: string[],
        options: { checkEnv?: boolean; envFile?: string; sourceSpec?: string; json?: boolean; connect?: boolean },
      ) => {
        const loaded = loadEnvironment(options.envFile);
        if ("problem" in loaded) {
          reportDiagnostics([loaded.problem]);
          process.exitCode = EXIT.invalid;
          return;
        }
        const check = options.checkEnv === true || options.envFile !== undefined || options.connect === true;
        const entries = await loadConnectorFiles(files, {
          ...(check ? { env: loaded.env } : {}),
          ...(options.sourceSpec ? { sourceSpec: options.sourceSpec } : {}),
        });
        if (options.connect) await addConnectDiagnostics(entries, loaded.env);
        const all = allDiagnostics(entries);
        for (const { file, result } of entries) {
          if (!options.json && !hasErrors(result.diagnostics)) {
            process.stderr.write(`${file}: valid (${result.artifact?.connector.metadata.name})\n`);
          }
        }
        if (options.json)
          process.stdout.write(`${JSON.stringify({ valid: !hasErrors(all), diagnostics: all }, null, 2)}\n`);
        else reportDiagnostics(all);
        process.exitCode = hasErrors(all) ? EXIT.invalid : EXIT.ok;
      },
    );
}

/** `--connect`: each valid artifact's SQL tables and columns against the database (loaded on use). */
async function addConnectDiagnostics(
  entries: Awaited<ReturnType<typeof loadConnectorFiles>>,
  env: Record<string, string | undefined>,
): Promise<void> {
  const { connectDiagnostics } = await import("../../runtime/sql/introspect/connect-check.js");
  for (const { result } of entries) {
    if (!result.artifact || hasErrors(result.diagnostics)) continue;
    const { connector, source } = result.artifact;
    result.diagnostics.push(...(await connectDiagnostics(connector, (path) => source.locate(path), env)));
  }
}
