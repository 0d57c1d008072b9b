import { CannectorsError, ErrorCodes } from "../runtime/errors/index.js";
import type { RefNode, StringValue, TextNode } from "./ir.js";

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
function makeRef(name: string): RefNode {
  if (!ENV_NAME.test(name)) {
    throw new CannectorsError(
      ErrorCodes.REF_MISUSE,
      `invalid variable name ${JSON.stringify(name)}: use letters, digits and underscores, not starting with a digit`,
    );
  }
  const ref: RefNode = { kind: "ref", source: "env", name };
  const throwing = { value: () => refused(`secret(${JSON.stringify(name)})`), enumerable: false };
  Object.defineProperties(ref, {
    toString: throwing,
    valueOf: throwing,
    toJSON: throwing,
    [Symbol.toPrimitive]: throwing,
  });
  return Object.freeze(ref);
}

/** A secret read from the environment at run time; lowered to `${env:NAME}`. */
export function secret(name: string): RefNode {
  return makeRef(name);
}

/** An environment variable read at run time; the same as `secret`, named for non-secret values. */
export function env(name: string): RefNode {
  return makeRef(name);
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

export type { RefNode, StringValue, TextNode };
