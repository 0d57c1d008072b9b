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
    .option("--json", "print the diagnostics as JSON on stdout")
    .action(
      async (
        files: string[],
        options: { checkEnv?: boolean; envFile?: string; sourceSpec?: string; json?: boolean },
      ) => {
        const loaded = loadEnvironment(options.envFile);
        if ("problem" in loaded) {
          reportDiagnostics([loaded.problem]);
          process.exitCode = EXIT.invalid;
          return;
        }
        const check = options.checkEnv === true || options.envFile !== undefined;
        const entries = await loadConnectorFiles(files, {
          ...(check ? { env: loaded.env } : {}),
          ...(options.sourceSpec ? { sourceSpec: options.sourceSpec } : {}),
        });
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
