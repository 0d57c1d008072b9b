import type { JsonRecord } from "../../../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../../../errors/index.js";
import { ExactNumber } from "../../../json/exact-number.js";
import { compilePathReader, compilePathWriter, parsePath } from "../../../json/path.js";
import { compileUrlTemplate } from "../../../net/url-template.js";
import type { Children } from "./schema.js";

export type ParentRequest =
  | { ok: true; url: URL; query: Record<string, string | number | boolean> }
  | { ok: false; reason: string };

/** How one parent becomes its child request, its key and the fields its children carry; compiled once. */
export interface ChildRequests {
  /** The child URL (path placeholders filled by the one URL rule) and the query values read from the parent. */
  request(parent: unknown): ParentRequest;
  /** The parent's key as text, or undefined when the parent has no scalar there. */
  key(parent: unknown): string | undefined;
  /** Writes the carried parent fields into a child record. */
  carry(parent: unknown, child: JsonRecord): void;
  readonly keyField: string | undefined;
}

export function compileChildRequests(baseUrl: string, children: Children): ChildRequests {
  const params = Object.entries(children.params);
  const inPath = new Set<string>();
  // `{order_id}` becomes `{id}` (the parent field): the template then reads the parent as output paths read a record.
  const path = children.path.replace(/\{([^{}]*)\}/g, (_whole, raw: string) => {
    const name = raw.trim();
    const field = children.params[name];
    if (field === undefined || !Object.hasOwn(children.params, name)) {
      throw new CannectorsError(
        ErrorCodes.CONFIG_INVALID,
        `input.children.path ${children.path}: placeholder {${name}} has no value; set input.children.params.${name} to a parent field`,
      );
    }
    inPath.add(name);
    return `{${field}}`;
  });
  const template = compileUrlTemplate({ baseUrl, path });
  const queryReaders = params
    .filter(([name]) => !inPath.has(name))
    .map(([name, field]) => ({ name, field, read: compilePathReader(parsePath(field)) }));
  const keyField = children.key ?? params[0]?.[1];
  const readKey = keyField === undefined ? undefined : compilePathReader(parsePath(keyField));
  const carried = Object.entries(children.carry).map(([target, field]) => ({
    read: compilePathReader(parsePath(field)),
    write: compilePathWriter(target.split(".")),
  }));

  return {
    keyField,
    request(parent) {
      const filled = template.fill(parent);
      if (!filled.ok) return { ok: false, reason: filled.reason.replace(/in the record/g, "in the parent") };
      const query: Record<string, string | number | boolean> = {};
      for (const { name, field, read } of queryReaders) {
        const text = scalarText(read(parent));
        if (text === undefined)
          return { ok: false, reason: `query parameter ${name}: parent field ${field} is not a scalar value` };
        query[name] = text;
      }
      return { ok: true, url: new URL(filled.url), query };
    },
    key: (parent) => (readKey === undefined ? undefined : scalarText(readKey(parent))),
    carry(parent, child) {
      for (const { read, write } of carried) {
        const value = read(parent);
        if (value !== undefined) write(child, value);
      }
    },
  };
}

/** A parent value as request text, exactly as received (an exact number keeps its digits). */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof ExactNumber) return value.text;
  return undefined;
}
