import type { Command } from "commander";
import { connectorJsonSchema } from "../../runtime/artifact/index.js";

export function registerSchemaCommand(program: Command): void {
  program
    .command("schema")
    .description("print the artifact's JSON Schema (draft-07), as committed at schema/cannectors.v1.json")
    .action(() => {
      process.stdout.write(`${JSON.stringify(connectorJsonSchema(), null, 2)}\n`);
    });
}
