#!/usr/bin/env -S node --max-semi-space-size=4 --
// The `--` ends Node's own options: Node 20 would otherwise read `--env-file` after the script as its own.
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
const args = process.argv.slice(2);

// Start-up time: `--version` answers before commander or any command module is imported (as
// commander would: the version and a newline on stdout, exit 0). Every other command goes through
// the program, which loads the named command's module graph only.
if (args[0] === "--version" || args[0] === "-V") process.stdout.write(`${pkg.version}\n`);
else await (await import("./program.js")).runProgram(pkg.version, process.argv);
