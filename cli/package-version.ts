import { readFileSync } from "node:fs";

/** The installed package's version (dist/cli/ → package.json), read once, for traces and MCP. */
export const packageVersion = (): string =>
  (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
