import { type Document, isMap, isPair, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import type { Diagnostic, PathSegment, SourceLocation } from "../diagnostics/index.js";
import { formatPath } from "../diagnostics/index.js";
import { ErrorCodes } from "../errors/index.js";

const MAX_ALIAS_COUNT = 50;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** A parsed YAML document that can point back at the line and column of any path in it. */
export interface YamlSource {
  file: string;
  document: Document.Parsed;
  value: unknown;
  locate(path: readonly PathSegment[], at?: "key" | "value"): SourceLocation;
}

/**
 * Parses untrusted YAML safely: YAML 1.2 core schema only (no custom tags), duplicate keys
 * rejected, aliases capped (billion laughs), and prototype keys refused outright.
 */
export function parseYamlSource(text: string, file: string): { source: YamlSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    schema: "core",
    customTags: [],
    strict: true,
    prettyErrors: false,
  });
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const diagnostics: Diagnostic[] = [];
  for (const problem of [...document.errors, ...document.warnings]) {
    diagnostics.push({
      code: ErrorCodes.YAML_SYNTAX,
      severity: "error",
      message: problem.message.split("\n")[0] ?? problem.message,
      path: "",
      location: at(problem.pos[0]),
    });
  }
  let value: unknown = null;
  if (diagnostics.length === 0) {
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      diagnostics.push({
        code: ErrorCodes.YAML_SYNTAX,
        severity: "error",
        message: error instanceof Error ? error.message : String(error),
        path: "",
        location: at(0),
      });
    }
  }
  const locate = (path: readonly PathSegment[], where: "key" | "value" = "value"): SourceLocation => {
    const range = findRange(document, path, where);
    return at(range ?? 0);
  };
  const source: YamlSource = { file, document, value, locate };
  if (diagnostics.length === 0) diagnostics.push(...forbiddenKeys(document.contents, [], source));
  return { source, diagnostics };
}

/** Offset of the node at `path`, or of its nearest existing ancestor. */
function findRange(
  document: Document.Parsed,
  path: readonly PathSegment[],
  where: "key" | "value",
): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const prefix = path.slice(0, length);
    if (where === "key" && length === path.length && length > 0) {
      const parent = length === 1 ? document.contents : document.getIn(prefix.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === prefix[prefix.length - 1]);
        const key = pair?.key as Node | undefined;
        if (key?.range) return key.range[0];
      }
    }
    const node = (length === 0 ? document.contents : document.getIn(prefix, true)) as Node | undefined;
    if (node && typeof node === "object" && "range" in node && node.range) return node.range[0];
  }
  return undefined;
}

function forbiddenKeys(node: unknown, path: PathSegment[], source: YamlSource): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const childPath = [...path, key];
      if (FORBIDDEN_KEYS.has(key)) {
        found.push({
          code: ErrorCodes.SCHEMA,
          severity: "error",
          message: `key ${JSON.stringify(key)} is not allowed anywhere in an artifact`,
          path: formatPath(childPath),
          location: source.locate(childPath, "key"),
        });
      }
      found.push(...forbiddenKeys(pair.value, childPath, source));
    }
  } else if (node && typeof node === "object" && "items" in node && Array.isArray(node.items)) {
    node.items.forEach((item: unknown, index: number) => {
      found.push(...forbiddenKeys(item, [...path, index], source));
    });
  }
  return found;
}
