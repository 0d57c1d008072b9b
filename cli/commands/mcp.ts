import { readFileSync } from "node:fs";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Command } from "commander";
import { createMcpServer } from "../mcp/server.js";
import { resolveStatePath } from "../state-path.js";

export function registerMcpCommand(program: Command): void {
  program
    .command("mcp")
    .description(
      "serve list_connectors, validate, dry_run, run, executions, logs, plan and replay as Model Context Protocol tools over stdio",
    )
    .option("--state <path>", "state database (default .cannectors/state.db, or $CANNECTORS_STATE)")
    .action(async (flags: { state?: string }) => {
      const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
        version: string;
      };
      const server = createMcpServer({
        statePath: resolveStatePath(flags.state),
        env: process.env,
        version: pkg.version,
      });
      // stdout is the protocol's channel: nothing else may write there while serving.
      await server.connect(new StdioServerTransport());
    });
}
