/**
 * Puts an artifact's keys in the order of the zod schema's shape, so the YAML a build writes
 * does not depend on the order the lowering (or a hand-written object) happened to use.
 */
import { Connector } from "../../runtime/artifact/index.js";

/** The slice of zod v4's internal definition the walk needs; `_zod.def` is zod's stable introspection point. */
interface SchemaDef {
  type: string;
  shape?: Record<string, ZodLike>;
  innerType?: ZodLike;
  getter?: () => ZodLike;
  options?: ZodLike[];
  discriminator?: string;
  element?: ZodLike;
  valueType?: ZodLike;
  in?: ZodLike;
  values?: unknown[];
}
interface ZodLike {
  _zod: { def: SchemaDef };
}

const WRAPPERS = new Set(["optional", "default", "nullable", "prefault", "readonly", "catch", "nonoptional"]);

function unwrap(schema: ZodLike): SchemaDef {
  let def = schema._zod.def;
  for (let depth = 0; depth < 32; depth++) {
    if (WRAPPERS.has(def.type) && def.innerType) def = def.innerType._zod.def;
    else if (def.type === "lazy" && def.getter) def = def.getter()._zod.def;
    else if (def.type === "pipe" && def.in) def = def.in._zod.def;
    else break;
  }
  return def;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Compares by UTF-16 code units: the same on every machine, unlike localeCompare. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function literalOf(schema: ZodLike | undefined): unknown[] {
  if (!schema) return [];
  const def = unwrap(schema);
  return def.type === "literal" || def.type === "enum" ? Object.values(def.values ?? {}) : [];
}

function pickOption(def: SchemaDef, value: unknown): ZodLike | undefined {
  const options = def.options ?? [];
  if (def.discriminator && isPlainObject(value)) {
    const tag = value[def.discriminator];
    const match = options.find((option) => literalOf(unwrap(option).shape?.[def.discriminator ?? ""]).includes(tag));
    if (match) return match;
  }
  if (Array.isArray(value)) return options.find((option) => unwrap(option).type === "array");
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    return options.find((option) => {
      const shape = unwrap(option).shape;
      return shape !== undefined && keys.every((key) => key in shape);
    });
  }
  return undefined;
}

/** Returns a copy of `value` with object keys in schema order; free-form values keep their own order. */
export function orderBySchema(value: unknown, schema: ZodLike): unknown {
  const def = unwrap(schema);
  if (def.type === "union") {
    const option = pickOption(def, value);
    return option ? orderBySchema(value, option) : value;
  }
  if (def.type === "array" && Array.isArray(value) && def.element) {
    const element = def.element;
    return value.map((item) => orderBySchema(item, element));
  }
  if (def.type === "record" && isPlainObject(value) && def.valueType) {
    const valueType = def.valueType;
    return Object.fromEntries(
      Object.keys(value)
        .sort(compareKeys)
        .map((key) => [key, orderBySchema(value[key], valueType)]),
    );
  }
  if (def.type === "object" && isPlainObject(value) && def.shape) {
    const shape = def.shape;
    const known = Object.keys(shape).filter((key) => value[key] !== undefined);
    // Keys the schema does not know fail validation anyway; sorting them keeps the output stable.
    const unknown = Object.keys(value)
      .filter((key) => !(key in shape) && value[key] !== undefined)
      .sort(compareKeys);
    const ordered: Record<string, unknown> = {};
    for (const key of known) ordered[key] = orderBySchema(value[key], shape[key] as ZodLike);
    for (const key of unknown) ordered[key] = value[key];
    return ordered;
  }
  return value;
}

export function orderArtifact(artifact: object): unknown {
  return orderBySchema(artifact, Connector as unknown as ZodLike);
}
