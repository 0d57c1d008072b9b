import path from "node:path";
import type { Command } from "commander";
import { describeError } from "../../runtime/errors/index.js";
import { EXIT } from "../terminal.js";

interface InitFlags {
  yes?: boolean;
  name?: string;
}

export function registerInitCommand(program: Command): void {
  program
    .command("init")
    .description(
      "write a ready project: package.json scripts, tsconfig.json, types from the demo specs, an example " +
        "connector and its test, a CI workflow and editor settings (existing files are kept)",
    )
    .argument("[dir]", "project folder", ".")
    .option("--yes", "ask nothing: take the defaults")
    .option("--name <name>", "package name when package.json is created (default: the folder's name)")
    .action(async (dir: string, flags: InitFlags) => {
      try {
        const name = flags.yes || !process.stdin.isTTY ? flags.name : await askName(dir, flags.name);
        if (name === null) {
          process.stderr.write("cancelled: nothing was written\n");
          process.exitCode = EXIT.invalid;
          return;
        }
        // Loaded on use: writing types pulls in openapi-typescript.
        const { initProject } = await import("../../generators/init/index.js");
        const result = await initProject({ dir, ...(name ? { name } : {}) });
        const lines = [
          ...result.written.map((f) => `  wrote ${f}`),
          ...result.skipped.map((f) => `  kept  ${f} (already there)`),
          "",
          "next:",
          ...(path.resolve(dir) === process.cwd() ? [] : [`  cd ${dir}`]),
          "  npm install                 # typescript and the scripts' dependencies",
          "  npx cannectors check        # the same errors as tsc and your editor",
          "  npx cannectors demo-apis    # the demo CRM and ERP on 127.0.0.1:4010/4020, in another terminal",
          "  npm run run                 # run connectors/crm-to-erp.ts (the credentials demo-apis prints)",
          "  npm run build && npm test   # write artifacts/*.yaml (commit them: CI runs build --check)",
        ];
        process.stderr.write(`${lines.join("\n")}\n`);
        process.exitCode = EXIT.ok;
      } catch (error) {
        process.stderr.write(`init: ${describeError(error)}\n`);
        process.exitCode = EXIT.invalid;
      }
    });
}

/** The package name, asked on a terminal; null when cancelled. */
async function askName(dir: string, given: string | undefined): Promise<string | null> {
  if (given) return given;
  const { clackPrompter } = await import("./prompter.js");
  const prompter = await clackPrompter();
  const fallback = path.basename(path.resolve(dir));
  const answer = await prompter.text("Package name", {
    placeholder: fallback,
    validate: (value) =>
      value === "" || /^[a-z0-9][a-z0-9._-]*$/.test(value) ? undefined : "lowercase letters, digits, . _ -",
  });
  if (answer === undefined) return null;
  return answer === "" ? fallback : answer;
}
