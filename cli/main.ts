#!/usr/bin/env -S node --max-semi-space-size=4
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { commandToLoad, registerCommands } from "./command-table.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

const program = new Command()
  .name("cannectors")
  .description("Typed API connectors: validate, run and inspect canonical connector artifacts")
  .version(pkg.version)
  .showHelpAfterError()
  // Usage errors exit 2, like invalid configs; 1 stays reserved for runs that failed.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

// Start-up time: `cannectors run` loads run's module graph only, not the compiler, generators or server.
await registerCommands(program, commandToLoad(process.argv.slice(2)));

await program.parseAsync(process.argv);
