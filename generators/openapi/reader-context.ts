import type { DocumentSet } from "./document-set.js";
import { displayLocation } from "./location.js";
import type { SchemaNormalizer } from "./normalize-schema.js";
import { childPointer, isRecord } from "./pointer.js";
import type { ProblemList } from "./problems.js";

/** A raw node and where it is: the document's href and the pointer inside it. */
export interface Located {
  value: unknown;
  href: string;
  pointer: string;
}

const MAX_HOPS = 20;

/** What the readers of operations, parameters and responses share: documents, schemas, problems. */
export class ReaderContext {
  constructor(
    readonly documents: DocumentSet,
    readonly schemas: SchemaNormalizer,
    readonly problems: ProblemList,
  ) {}

  problem(at: { href: string; pointer: string }, message: string): void {
    this.problems.add(displayLocation(at.href), at.pointer, message);
  }

  /** Follows `$ref`s on a non-schema object (parameter, response, request body) to the object itself. */
  deref(node: Located): Located | undefined {
    let current = node;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (!isRecord(current.value) || typeof current.value.$ref !== "string") return current;
      const ref = current.value.$ref;
      const target = this.documents.resolve(ref, current.href);
      if (target === undefined) {
        if (!this.documents.isUnavailable(ref, current.href)) {
          this.problem(
            { href: current.href, pointer: childPointer(current.pointer, "$ref") },
            `$ref "${ref}" points to nothing`,
          );
        }
        return undefined;
      }
      current = { value: target.value, href: target.href, pointer: target.fragment };
    }
    this.problem(node, "$ref chain too long or circular");
    return undefined;
  }

  /** The object at `node`, dereferenced; a problem (and undefined) when it is anything else. */
  object(node: Located, what: string): (Located & { value: Record<string, unknown> }) | undefined {
    const resolved = this.deref(node);
    if (resolved === undefined) return undefined;
    if (!isRecord(resolved.value)) {
      this.problem(resolved, `${what} must be an object, got ${kindOf(resolved.value)}`);
      return undefined;
    }
    return resolved as Located & { value: Record<string, unknown> };
  }

  child(node: Located & { value: Record<string, unknown> }, key: string): Located {
    return { value: node.value[key], href: node.href, pointer: childPointer(node.pointer, key) };
  }
}

export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string "${value.slice(0, 40)}"` : `a ${typeof value}`;
}
