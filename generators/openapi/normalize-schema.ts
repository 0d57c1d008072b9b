import type { DocumentSet } from "./document-set.js";
import { displayLocation } from "./location.js";
import { mergeAllOf } from "./merge-all-of.js";
import { childPointer, isRecord } from "./pointer.js";
import type { ProblemList } from "./problems.js";
import { emptySchema, JSON_TYPES, type JsonType, type Schema } from "./schema.js";

/** Keywords that may sit beside a `$ref` (3.1, and many 3.0 specs in practice) and refine it. */
const REF_SIBLINGS = ["description", "title", "nullable", "example", "default", "readOnly", "writeOnly", "deprecated"];

/**
 * Turns raw schema nodes into `Schema`s. Each `$ref` target is normalised once and shared, which keeps
 * large specs small in memory and turns a recursive schema into a cycle of objects instead of an
 * endless expansion.
 */
export class SchemaNormalizer {
  private readonly byTarget = new Map<string, Schema>();
  private readonly pending = new Set<Schema>();

  constructor(
    private readonly documents: DocumentSet,
    private readonly problems: ProblemList,
  ) {}

  normalize(node: unknown, href: string, pointer: string): Schema {
    if (node === true || node === undefined) return emptySchema();
    if (node === false) return { ...emptySchema(), types: [] };
    if (!isRecord(node)) {
      this.problem(href, pointer, `a schema must be an object, got ${describe(node)}`);
      return emptySchema();
    }
    if (typeof node.$ref === "string") return this.followRef(node, node.$ref, href, pointer);
    return this.normalizeInline(node, href, pointer);
  }

  private followRef(node: Record<string, unknown>, ref: string, href: string, pointer: string): Schema {
    const target = this.documents.resolve(ref, href);
    if (target === undefined) {
      if (!this.documents.isUnavailable(ref, href))
        this.problem(href, childPointer(pointer, "$ref"), `$ref "${ref}" points to nothing`);
      return emptySchema();
    }
    const key = `${target.href}${target.fragment}`;
    let shared = this.byTarget.get(key);
    if (shared === undefined) {
      shared = emptySchema();
      this.byTarget.set(key, shared);
      this.pending.add(shared);
      const resolved = this.normalize(target.value, target.href, target.fragment);
      Object.assign(shared, resolved, { ref: this.refName(target.href, target.fragment) });
      if (resolved === shared) shared.cycle = true;
      this.pending.delete(shared);
    }
    const siblings = REF_SIBLINGS.filter((k) => node[k] !== undefined);
    if (siblings.length === 0) return shared;
    // A copy, so that the refinement stays local; a recursive schema's inner refs still share `shared`.
    const refined: Schema = { ...shared };
    for (const key of siblings) Object.assign(refined, readAnnotation(node, key));
    return refined;
  }

  private normalizeInline(node: Record<string, unknown>, href: string, pointer: string): Schema {
    const schema = emptySchema();
    readType(node, schema);
    for (const key of ["title", "description", "format"] as const) {
      if (typeof node[key] === "string") schema[key] = node[key] as string;
    }
    Object.assign(schema, readAnnotation(node, "default"), readAnnotation(node, "example"));
    if (schema.example === undefined && Array.isArray(node.examples) && node.examples.length > 0) {
      schema.example = node.examples[0];
    }
    for (const key of ["readOnly", "writeOnly", "deprecated"] as const) if (node[key] === true) schema[key] = true;
    if (node.nullable === true || node["x-nullable"] === true) schema.nullable = true;
    if (isMsDate(node, schema.example)) schema.msDate = true;
    readEnum(node, schema);
    if (Array.isArray(node.required)) schema.required = node.required.filter((r): r is string => typeof r === "string");
    this.readProperties(node, schema, href, pointer);
    this.readItems(node, schema, href, pointer);
    if (node.additionalProperties !== undefined) {
      schema.additionalProperties =
        typeof node.additionalProperties === "boolean"
          ? node.additionalProperties
          : this.normalize(node.additionalProperties, href, childPointer(pointer, "additionalProperties"));
    }
    if (schema.types.length === 0 && schema.properties) schema.types = ["object"];
    if (schema.types.length === 0 && schema.items) schema.types = ["array"];
    const withAlternatives = this.readAlternatives(node, schema, href, pointer);
    return this.readAllOf(node, withAlternatives, href, pointer);
  }

  private readProperties(node: Record<string, unknown>, schema: Schema, href: string, pointer: string): void {
    if (node.properties === undefined) return;
    const at = childPointer(pointer, "properties");
    if (!isRecord(node.properties)) {
      this.problem(href, at, `properties must be an object, got ${describe(node.properties)}`);
      return;
    }
    const properties: Record<string, Schema> = {};
    for (const [name, child] of Object.entries(node.properties)) {
      properties[name] = this.normalize(child, href, childPointer(at, name));
    }
    schema.properties = properties;
  }

  private readItems(node: Record<string, unknown>, schema: Schema, href: string, pointer: string): void {
    const at = childPointer(pointer, "items");
    if (Array.isArray(node.items)) {
      // tuple form: its first element stands for the element type
      if (node.items.length > 0) schema.items = this.normalize(node.items[0], href, childPointer(at, 0));
    } else if (node.items !== undefined) {
      schema.items = this.normalize(node.items, href, at);
    } else if (Array.isArray(node.prefixItems) && node.prefixItems.length > 0) {
      schema.items = this.normalize(node.prefixItems[0], href, childPointer(pointer, "prefixItems", 0));
    }
  }

  private readAlternatives(node: Record<string, unknown>, schema: Schema, href: string, pointer: string): Schema {
    const kind = Array.isArray(node.oneOf) ? "oneOf" : Array.isArray(node.anyOf) ? "anyOf" : undefined;
    if (kind === undefined) return schema;
    const raw = node[kind] as unknown[];
    let options = raw.map((option, i) => this.normalize(option, href, childPointer(pointer, kind, i)));
    const nullOnly = (s: Schema) => s.types.length === 0 && s.nullable && !s.properties && !s.alternatives;
    if (options.some(nullOnly)) {
      schema.nullable = true;
      options = options.filter((s) => !nullOnly(s));
    }
    if (options.length === 1 && options[0]) return mergeAllOf([schema, options[0]]);
    // Stripe's expandable ids: `anyOf: [string, Customer]` where the string is what a list returns.
    const expandable = node["x-expansionResources"] !== undefined && options[0]?.types.join() === "string";
    if (expandable && options[0]) return { ...mergeAllOf([schema, options[0]]), expandable: true };
    const discriminator = isRecord(node.discriminator) ? node.discriminator.propertyName : node.discriminator;
    schema.alternatives = { kind, options, ...(typeof discriminator === "string" ? { discriminator } : {}) };
    if (schema.types.length === 0) schema.types = [...new Set(options.flatMap((o) => o.types))];
    return schema;
  }

  private readAllOf(node: Record<string, unknown>, schema: Schema, href: string, pointer: string): Schema {
    if (node.allOf === undefined) return schema;
    if (!Array.isArray(node.allOf)) {
      this.problem(href, childPointer(pointer, "allOf"), `allOf must be an array, got ${describe(node.allOf)}`);
      return schema;
    }
    const members = node.allOf.map((m, i) => this.normalize(m, href, childPointer(pointer, "allOf", i)));
    const merged = mergeAllOf([schema, ...members]);
    // A member still being resolved is an ancestor of itself: its content is not known yet here.
    if (members.some((m) => this.pending.has(m))) merged.cycle = true;
    return merged;
  }

  private refName(targetHref: string, fragment: string): string {
    if (targetHref === this.documents.rootHref) return fragment;
    const rootDir = new URL(".", this.documents.rootHref).href;
    const shown = targetHref.startsWith(rootDir) ? targetHref.slice(rootDir.length) : displayLocation(targetHref);
    return `${shown}${fragment}`;
  }

  private problem(href: string, pointer: string, message: string): void {
    this.problems.add(displayLocation(href), pointer, message);
  }
}

function readType(node: Record<string, unknown>, schema: Schema): void {
  const raw = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
  for (const t of raw) {
    if (t === "null") schema.nullable = true;
    else if (t === "file") {
      schema.types.push("string");
      schema.format ??= "binary";
    } else if (JSON_TYPES.includes(t as JsonType)) schema.types.push(t as JsonType);
  }
}

function readEnum(node: Record<string, unknown>, schema: Schema): void {
  const values = Array.isArray(node.enum) ? node.enum : node.const !== undefined ? [node.const] : undefined;
  if (values === undefined) return;
  if (values.includes(null)) schema.nullable = true;
  const kept = values.filter((v) => v !== null);
  if (kept.length > 0) schema.enum = kept;
}

function readAnnotation(node: Record<string, unknown>, key: string): Partial<Schema> {
  const value = node[key];
  if (value === undefined) return {};
  if (key === "nullable") return value === true ? { nullable: true } : {};
  if (key === "readOnly" || key === "writeOnly" || key === "deprecated") return value === true ? { [key]: true } : {};
  if ((key === "description" || key === "title") && typeof value !== "string") return {};
  return { [key]: value };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string "${value.slice(0, 40)}"` : `a ${typeof value}`;
}

/** A string holding a Microsoft JSON date: said by Xero's extensions, or by the example itself. */
export function isMsDate(node: Record<string, unknown>, example: unknown): boolean {
  if (node["x-is-msdate"] === true || node["x-is-msdate-time"] === true) return true;
  return typeof example === "string" && /^\/Date\(-?\d+([+-]\d{4})?\)\/$/.test(example);
}
