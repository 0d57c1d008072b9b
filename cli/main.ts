#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { registerBuildCommand } from "./commands/build.js";
import { registerCheckCommand } from "./commands/check.js";
import { registerExecutionsCommand } from "./commands/executions.js";
import { registerGenerateCommand } from "./commands/generate.js";
import { registerImportCommand } from "./commands/import.js";
import { registerReviewCommand } from "./commands/review.js";
import { registerRunCommand } from "./commands/run.js";
import { registerSchemaCommand } from "./commands/schema.js";
import { registerTypesCommand } from "./commands/types.js";
import { registerValidateCommand } from "./commands/validate.js";
import { resolveStatePath } from "./state-path.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

const program = new Command()
  .name("cannectors")
  .description("Typed API connectors: validate, run and inspect canonical connector artifacts")
  .version(pkg.version)
  .showHelpAfterError()
  // Usage errors exit 2, like invalid configs; 1 stays reserved for runs that failed.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

registerValidateCommand(program);
registerRunCommand(program);
registerSchemaCommand(program);
registerExecutionsCommand(program, resolveStatePath);
registerBuildCommand(program);
registerCheckCommand(program);
registerImportCommand(program);
registerTypesCommand(program);
registerReviewCommand(program);
registerGenerateCommand(program);

await program.parseAsync(process.argv);
