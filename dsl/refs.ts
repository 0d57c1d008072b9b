import { CannectorsError, ErrorCodes } from "../runtime/errors/index.js";
import type { ConfigValue, EnvRefNode, RefNode, SecretRefNode, StringValue, TextNode } from "./ir.js";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const MISUSE_HINT =
  "a secret is only known at run time: pass secret(...) directly as the field value, " +
  "or build text with text`...${secret('X')}`";

function refused(name: string): never {
  throw new CannectorsError(ErrorCodes.REF_MISUSE, `${name} cannot be read as text: ${MISUSE_HINT}`, {
    details: { name },
  });
}

/**
 * Every conversion throws, so `${secret("X")}` in a plain template literal or `"Bearer " + token`
 * fails at build time with the fix in the message instead of baking "[object Object]" into the artifact.
 */
function makeRef<S extends RefNode["source"]>(source: S, name: string): RefNode & { readonly source: S } {
  if (!ENV_NAME.test(name)) {
    throw new CannectorsError(
      ErrorCodes.REF_MISUSE,
      `invalid variable name ${JSON.stringify(name)}: use letters, digits and underscores, not starting with a digit`,
    );
  }
  const ref = { kind: "ref", source, name } as RefNode & { readonly source: S };
  const throwing = { value: () => refused(`${source}(${JSON.stringify(name)})`), enumerable: false };
  Object.defineProperties(ref, {
    toString: throwing,
    valueOf: throwing,
    toJSON: throwing,
    [Symbol.toPrimitive]: throwing,
  });
  return Object.freeze(ref);
}

/** A secret read from the environment at run time, masked in every output; lowered to `${secret:NAME}`. */
export function secret(name: string): SecretRefNode {
  return makeRef("secret", name);
}

/**
 * Configuration read from the environment at run time (a base URL, a tenant in a path): shown as is
 * in logs and dry runs; lowered to `${env:NAME}`. In an auth field it is still treated as a secret.
 */
export function env(name: string): EnvRefNode {
  return makeRef("env", name);
}

/**
 * Refuses a secret where configuration is expected: a base URL shown as `http://***` in every log
 * line helps no one. The type already says so; this is the message for plain JavaScript and casts.
 */
export function configValue(field: string, value: ConfigValue): ConfigValue {
  const refs = typeof value === "object" && value !== null && value.kind === "text" ? value.parts : [value];
  for (const part of refs) {
    if (isRefNode(part) && part.source === "secret") {
      throw new CannectorsError(
        ErrorCodes.REF_MISUSE,
        `${field}: secret(${JSON.stringify(part.name)}) is not allowed here: ${field} is configuration, shown in logs and dry runs; use env(${JSON.stringify(part.name)})`,
        { details: { field, name: part.name } },
      );
    }
  }
  return value;
}

export function isRefNode(value: unknown): value is RefNode {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "ref";
}

/** Text mixing literals and refs: ``text`Bearer ${secret("TOKEN")}` ``. */
export function text(strings: TemplateStringsArray, ...values: readonly (string | number | RefNode)[]): TextNode {
  const parts: (string | RefNode)[] = [];
  const pushText = (s: string) => {
    if (s === "") return;
    const last = parts[parts.length - 1];
    if (typeof last === "string") parts[parts.length - 1] = last + s;
    else parts.push(s);
  };
  strings.forEach((literal, i) => {
    pushText(literal);
    if (i >= values.length) return;
    const value = values[i];
    if (isRefNode(value)) parts.push(value);
    else if (typeof value === "string" || typeof value === "number") pushText(String(value));
    else throw new CannectorsError(ErrorCodes.REF_MISUSE, "text`...` accepts strings, numbers and secret(...) only");
  });
  return Object.freeze({ kind: "text", parts: Object.freeze(parts) });
}

export type { ConfigValue, EnvRefNode, RefNode, SecretRefNode, StringValue, TextNode };
