import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { CannectorsError, ErrorCodes } from "../../runtime/errors/index.js";
import { displayLocation } from "./location.js";
import { specInvalid } from "./problems.js";

export interface ReadOptions {
  /** Per-request limit for http(s) documents, in milliseconds. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Reads one document (file or http(s) URL) and parses it as JSON or YAML. */
export async function readDocument(href: string, options: ReadOptions = {}): Promise<unknown> {
  const text = await readText(href, options);
  return parseText(text, href);
}

async function readText(href: string, options: ReadOptions): Promise<string> {
  const shown = displayLocation(href);
  if (href.startsWith("file:")) {
    try {
      return await readFile(fileURLToPath(href), "utf8");
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
      throw new CannectorsError(ErrorCodes.SPEC_UNREADABLE, `cannot read spec ${shown}: ${reason}`, {
        cause: error,
        details: { source: shown },
      });
    }
  }
  let response: Response;
  try {
    response = await fetch(href, {
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      headers: { accept: "application/json, application/yaml, text/yaml, */*" },
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "timed out" : "network error";
    throw new CannectorsError(ErrorCodes.SPEC_UNREADABLE, `cannot fetch spec ${shown}: ${reason}`, {
      cause: error,
      details: { source: shown },
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new CannectorsError(ErrorCodes.SPEC_UNREADABLE, `cannot fetch spec ${shown}: HTTP ${response.status}`, {
      details: { source: shown, status: response.status },
    });
  }
  return response.text();
}

/** JSON first when it looks like JSON (fast on large specs), YAML otherwise; errors carry line and column. */
export function parseText(text: string, href: string): unknown {
  const shown = displayLocation(href);
  const unmarked = text.replace(/^\uFEFF/, "");
  const trimmed = unmarked.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      // JSON is YAML too; the YAML parser gives a located error, or succeeds on near-JSON
    }
  }
  const document = parseDocument(unmarked, { uniqueKeys: false, prettyErrors: true });
  if (document.errors.length > 0) {
    const problems = document.errors.slice(0, 5).map((e) => {
      const pos = e.linePos?.[0];
      const where = pos ? ` at line ${pos.line}, column ${pos.col}` : "";
      return { file: shown, pointer: "#", message: `not valid YAML or JSON${where}: ${firstLine(e.message)}` };
    });
    throw specInvalid(shown, problems);
  }
  return document.toJS({ maxAliasCount: 10_000 });
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}
