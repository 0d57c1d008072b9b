import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { CannectorsError, ErrorCodes } from "../errors/index.js";

export type SchemaNode = Record<string, unknown>;

/** An OpenAPI document (3.x, or Swagger 2.0) as read from disk, with its local `$ref`s resolvable. */
export interface Spec {
  file: string;
  document: SchemaNode;
  /** The node a local `$ref` (`#/components/schemas/X`) points at; the node itself when it has none. */
  deref(node: unknown): SchemaNode | undefined;
}

const cache = new Map<string, Spec>();

export function loadSpec(file: string): Spec {
  const full = path.resolve(file);
  const cached = cache.get(full);
  if (cached) return cached;
  let document: SchemaNode;
  try {
    document = parse(readFileSync(full, "utf8")) as SchemaNode;
  } catch (error) {
    throw new CannectorsError(ErrorCodes.CONTRACT, `cannot read the spec ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const pointer = (ref: string): unknown =>
    ref
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<unknown>((node, key) => (node as SchemaNode | undefined)?.[key], document);
  const spec: Spec = {
    file,
    document,
    deref(node) {
      let current = node;
      // A chain of references ends; a loop of them is cut after a few steps.
      for (let hops = 0; hops < 16; hops++) {
        if (typeof current !== "object" || current === null) return undefined;
        const ref = (current as SchemaNode).$ref;
        if (typeof ref !== "string") return current as SchemaNode;
        if (!ref.startsWith("#/")) return undefined;
        current = pointer(ref);
      }
      return undefined;
    },
  };
  cache.set(full, spec);
  return spec;
}
