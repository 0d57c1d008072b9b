import type { AuthNode, RefNode, StringValue, TextNode } from "../../dsl/ir.js";

function isRef(value: unknown): value is RefNode {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "ref";
}

function isText(value: unknown): value is TextNode {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "text";
}

/** `secret("X")` / `env("X")` → `${env:X}`; a `text` template → one string with its refs inline. */
export function lowerString(value: StringValue): string {
  if (typeof value === "string") return value;
  if (isRef(value)) return `\${${value.source}:${value.name}}`;
  return value.parts.map((part) => (typeof part === "string" ? part : lowerString(part))).join("");
}

/** Any configuration value: refs and texts lowered wherever they sit (headers, query, body). */
export function lowerPlain(value: unknown): unknown {
  if (isRef(value) || isText(value)) return lowerString(value);
  if (Array.isArray(value)) return value.map(lowerPlain);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, lowerPlain(v)]),
    );
  }
  return value;
}

/** Drops undefined entries: only what the user set reaches the artifact. */
export function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

export function lowerAuth(auth: AuthNode): Record<string, unknown> {
  const { kind: _kind, ...rest } = auth;
  return lowerPlain(rest) as Record<string, unknown>;
}

/** The api's entries first, the call's override them; undefined when both are empty. */
export function merged(
  base: Readonly<Record<string, unknown>> | undefined,
  own: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> | undefined {
  const all = { ...(base ?? {}), ...(own ?? {}) };
  return Object.keys(all).length === 0 ? undefined : (lowerPlain(all) as Record<string, unknown>);
}
