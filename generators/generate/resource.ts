import type { SourceEndpoint, TargetEndpoint } from "./endpoint-lists.js";

const ACTION_SEGMENTS = new Set(["batch", "bulk", "search", "create", "import", "upsert", "list", "query"]);

/** The resource an operation's records are: the last literal path segment that is not an action (`/clients/batch` → clients). */
export function resourceOf(path: string): string {
  const literal = path
    .split("/")
    .filter((s) => s !== "" && !s.startsWith("{") && !ACTION_SEGMENTS.has(s.toLowerCase()));
  return literal[literal.length - 1] ?? "";
}

export function contextOf(source: SourceEndpoint, target: TargetEndpoint) {
  return { sourceResource: resourceOf(source.operation.path), targetResource: resourceOf(target.operation.path) };
}
