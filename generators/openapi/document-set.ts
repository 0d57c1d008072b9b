import { isCannectorsError } from "../../runtime/errors/index.js";
import { displayLocation, documentKey } from "./location.js";
import { childPointer, isRecord, resolvePointer } from "./pointer.js";
import type { ProblemList } from "./problems.js";
import { type ReadOptions, readDocument } from "./read-document.js";

/** Where a `$ref` lands: the document it is in, the fragment inside it, and the value found there. */
export interface RefTarget {
  href: string;
  fragment: string;
  value: unknown;
}

/**
 * The root document and every external file its `$ref`s reach, all loaded up front so that schema
 * resolution afterwards is synchronous and each external file is read once.
 */
export class DocumentSet {
  private readonly documents = new Map<string, unknown>();
  /** Documents that could not be loaded: reported once where first referenced, not at every ref. */
  private readonly failed = new Set<string>();

  constructor(
    readonly rootHref: string,
    root: unknown,
  ) {
    this.documents.set(rootHref, root);
  }

  get root(): unknown {
    return this.documents.get(this.rootHref);
  }

  get size(): number {
    return this.documents.size;
  }

  /** Loads every document reachable through external refs; a missing or broken file is a problem, not a throw. */
  async loadExternal(problems: ProblemList, options: ReadOptions): Promise<void> {
    const queue = [this.rootHref];
    const failed = this.failed;
    while (queue.length > 0) {
      const href = queue.shift() as string;
      for (const { ref, pointer } of externalRefs(this.documents.get(href))) {
        let key: string;
        try {
          key = documentKey(new URL(ref, href));
        } catch {
          problems.add(displayLocation(href), pointer, `$ref "${ref}" is not a valid reference`);
          continue;
        }
        if (this.documents.has(key) || failed.has(key)) continue;
        try {
          this.documents.set(key, await readDocument(key, options));
          queue.push(key);
        } catch (error) {
          failed.add(key);
          const reason = isCannectorsError(error) ? error.message : String(error);
          problems.add(displayLocation(href), pointer, `$ref "${ref}" cannot be loaded: ${reason}`);
        }
      }
    }
  }

  /** True when the ref's document was referenced but could not be loaded (already reported). */
  isUnavailable(ref: string, baseHref: string): boolean {
    try {
      return this.failed.has(documentKey(new URL(ref, baseHref)));
    } catch {
      return true;
    }
  }

  /** Follows one `$ref` written in the document `baseHref`; undefined when the document or the pointer is missing. */
  resolve(ref: string, baseHref: string): RefTarget | undefined {
    let url: URL;
    try {
      url = new URL(ref, baseHref);
    } catch {
      return undefined;
    }
    const href = documentKey(url);
    if (!this.documents.has(href)) return undefined;
    const fragment = url.hash === "" ? "#" : url.hash;
    const value = resolvePointer(this.documents.get(href), fragment);
    return value === undefined ? undefined : { href, fragment, value };
  }
}

function* externalRefs(node: unknown, pointer = "#"): Generator<{ ref: string; pointer: string }> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* externalRefs(node[i], childPointer(pointer, i));
    return;
  }
  if (!isRecord(node)) return;
  const ref = node.$ref;
  if (typeof ref === "string" && !ref.startsWith("#")) yield { ref, pointer: childPointer(pointer, "$ref") };
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === "object" && value !== null) yield* externalRefs(value, childPointer(pointer, key));
  }
}
