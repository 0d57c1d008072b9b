import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import type { Diagnostic } from "../runtime/diagnostics/index.js";
import { ErrorCodes } from "../runtime/errors/index.js";

export type Environment = Record<string, string | undefined>;

export const ENV_FILE_HELP =
  "read variables for ${env:NAME} / ${secret:NAME} from this dotenv file (the process environment wins)";

/**
 * The environment references resolve in: the process's, over the dotenv file's (Node's own parser,
 * the one behind `node --env-file`, whose precedence this keeps: a variable already set wins).
 * A file that cannot be read is a diagnostic at its path, exit 2, before anything else.
 */
export function loadEnvironment(envFile: string | undefined): { env: Environment } | { problem: Diagnostic } {
  if (envFile === undefined) return { env: process.env };
  let text: string;
  try {
    text = readFileSync(envFile, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      problem: {
        code: ErrorCodes.NOT_FOUND,
        severity: "error",
        message: `--env-file: ${code === "ENOENT" ? "file not found" : `cannot read the file (${code ?? String(error)})`}`,
        path: "",
        location: { file: envFile, line: 1, column: 1 },
      },
    };
  }
  return { env: { ...parseEnv(text), ...process.env } };
}
