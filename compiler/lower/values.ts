import type { z } from "zod";
import type { AuthNode, RefNode, StringValue, TextNode } from "../../dsl/ir.js";
import type { Auth } from "../../runtime/auth/schema.js";
import { CREDENTIAL_NAME } from "../../runtime/secrets/positions.js";
import type { Lowered } from "./contract.js";

/**
 * Where a value sits. In a secret position (auth fields, webhook secrets, credential headers and
 * query values, bodies) `${env:X}` already is a secret, so `secret("X")` lowers to it: artifacts
 * built before `${secret:}` existed stay byte-identical. Elsewhere `${env:X}` is configuration, so
 * `secret("X")` lowers to `${secret:X}`.
 */
export type Position = "secret" | "config";

function isRef(value: unknown): value is RefNode {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "ref";
}

function isText(value: unknown): value is TextNode {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "text";
}

/** `env("X")` → `${env:X}`; `secret("X")` → see Position; a `text` template → one string with its refs inline. */
export function lowerString(value: StringValue, position: Position = "secret"): string {
  if (typeof value === "string") return value;
  if (isRef(value)) return `\${${value.source === "secret" && position === "config" ? "secret" : "env"}:${value.name}}`;
  return value.parts.map((part) => (typeof part === "string" ? part : lowerString(part, position))).join("");
}

/** Any configuration value: refs and texts lowered wherever they sit (auth, body, webhook secrets). */
export function lowerPlain<T>(value: T, position: Position = "secret"): Lowered<T> {
  return lowerAny(value, position) as Lowered<T>;
}

// Walks any plain data, user JSON included (a body's own `kind` key stays): `Lowered<T>` types the result.
function lowerAny(value: unknown, position: Position): unknown {
  if (isRef(value) || isText(value)) return lowerString(value, position);
  if (Array.isArray(value)) return value.map((item) => lowerAny(item, position));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, lowerAny(v, position)]),
    );
  }
  return value;
}

/** Drops undefined entries: only what the user set reaches the artifact. */
export function defined<T extends object>(entries: T): T {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as T;
}

export function lowerAuth(auth: AuthNode): z.input<typeof Auth> {
  const { kind: _kind, ...rest } = auth;
  return lowerPlain(rest);
}

/** The api's entries first, the call's override them; undefined when both are empty. */
export function merged<V>(
  base: Readonly<Record<string, V>> | undefined,
  own: Readonly<Record<string, V>> | undefined,
): Record<string, Lowered<V>> | undefined {
  const all = { ...(base ?? {}), ...(own ?? {}) };
  if (Object.keys(all).length === 0) return undefined;
  return Object.fromEntries(
    Object.entries(all)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, lowerPlain(v, CREDENTIAL_NAME.test(k) ? "secret" : "config")]),
  ) as Record<string, Lowered<V>>;
}
